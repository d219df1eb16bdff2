import { httpStatus } from "../../auth/http-status.js";
import { isEmptyRepository } from "../../core/onboarding/empty-repository.js";
import type { RepoLocation } from "./read-repo-file.js";

/**
 * The repository has no commit yet ("Git Repository is empty."): nothing can
 * be branched from it. Onboarding waits for its first push instead of
 * retrying until it is dead-lettered.
 */
export class RepositoryEmptyError extends Error {
  override name = "RepositoryEmptyError";
  constructor(where: RepoLocation) {
    super(`${where.owner}/${where.repo} is empty: onboarding waits for its first push`);
  }
}

/** Throws `RepositoryEmptyError` when `error` is GitHub's answer for an empty repository. */
export function throwIfRepositoryEmpty(error: unknown, where: RepoLocation): void {
  const message = error instanceof Error ? error.message : String(error);
  if (isEmptyRepository(httpStatus(error), message)) throw new RepositoryEmptyError(where);
}
