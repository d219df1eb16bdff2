import type { ProbotOctokit } from "probot";
import { httpStatus } from "../../auth/http-status.js";
import { RepositoryEmptyError, throwIfRepositoryEmpty } from "./repository-empty-error.js";

export type Octokit = Pick<ProbotOctokit, "request">;

// A type, not an interface: Octokit's parameters need an index signature.
export type RepoLocation = { owner: string; repo: string };

/**
 * The text of a file at `ref`, or null when there is none (404), it is not a
 * file (a directory, a submodule), or the repository is empty (409).
 */
export async function readRepoFile(
  octokit: Octokit,
  where: RepoLocation,
  path: string,
  ref: string,
): Promise<string | null> {
  try {
    const { data } = await octokit.request("GET /repos/{owner}/{repo}/contents/{path}", {
      ...where,
      path,
      ref,
    });
    if (Array.isArray(data) || data.type !== "file" || !("content" in data)) return null;
    return Buffer.from(data.content, "base64").toString("utf8");
  } catch (error) {
    const status = httpStatus(error);
    if (status === 404 || status === 409) return null;
    throw error;
  }
}

/**
 * The SHA a branch points at, or null when it does not exist; an empty
 * repository throws `RepositoryEmptyError`, for callers that must tell the two apart.
 */
export async function readBranchRef(
  octokit: Octokit,
  where: RepoLocation,
  branch: string,
): Promise<string | null> {
  try {
    const { data } = await octokit.request("GET /repos/{owner}/{repo}/git/ref/{ref}", {
      ...where,
      ref: `heads/${branch}`,
    });
    return data.object.sha;
  } catch (error) {
    throwIfRepositoryEmpty(error, where);
    const status = httpStatus(error);
    if (status === 404 || status === 409) return null;
    throw error;
  }
}

/** The SHA a branch points at, or null when it does not exist (or the repository is empty). */
export async function readBranchHead(
  octokit: Octokit,
  where: RepoLocation,
  branch: string,
): Promise<string | null> {
  try {
    return await readBranchRef(octokit, where, branch);
  } catch (error) {
    if (error instanceof RepositoryEmptyError) return null;
    throw error;
  }
}
