/** The HTTP status an Octokit `RequestError` carries, if `error` is one. */
export function httpStatus(error: unknown): number | undefined {
  return error instanceof Error && "status" in error && typeof error.status === "number"
    ? error.status
    : undefined;
}
