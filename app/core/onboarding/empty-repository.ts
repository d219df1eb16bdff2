/**
 * Whether GitHub answered "Git Repository is empty." (409): a repository with
 * no commit at all, where no branch can be read or made. Any other 409 (a
 * conflict) is something else, and handled as such.
 */
export function isEmptyRepository(status: number | undefined, message: string): boolean {
  return status === 409 && /repository is empty/i.test(message);
}
