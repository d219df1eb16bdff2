import type { ProbotOctokit } from "probot";
import { PERMISSION_LEVELS, type PermissionLevel } from "../../contract/config.js";
import { httpStatus } from "./http-status.js";
import type { PermissionCache } from "./permission-cache.js";

/** What the look-ups use of Probot's Octokit: plain requests. */
export type RequestOctokit = Pick<ProbotOctokit, "request">;

/** A user's role on a repository, or "none" when they have none. */
export type RepositoryPermission = PermissionLevel | "none";

/** The installation's client and the app-wide cache of answers. */
export type PermissionLookup = {
  octokit: RequestOctokit;
  cache: PermissionCache<RepositoryPermission>;
};

const levelOf = (value: string | undefined): PermissionLevel | undefined =>
  PERMISSION_LEVELS.find((level) => level === value);

async function fetchPermission(
  octokit: RequestOctokit,
  user: { owner: string; repo: string; username: string },
): Promise<RepositoryPermission> {
  try {
    const { data } = await octokit.request(
      "GET /repos/{owner}/{repo}/collaborators/{username}/permission",
      user,
    );
    // role_name tells triage and maintain apart; `permission` folds them into
    // read and write. A custom role's name is unknown here: use its base.
    return levelOf(data.role_name) ?? levelOf(data.permission) ?? "none";
  } catch (error) {
    if (httpStatus(error) === 404) return "none";
    throw error;
  }
}

/**
 * `username`'s role on `owner/repo`, asked of GitHub once per (repo, user)
 * while the cached answer is fresh. A 404 (no such user, or no access) is
 * "none"; any other error propagates, so a GitHub outage never grants access.
 */
export function getPermission(
  { octokit, cache }: PermissionLookup,
  { owner, repo, username }: { owner: string; repo: string; username: string },
): Promise<RepositoryPermission> {
  const key = `${owner}/${repo}:${username}`.toLowerCase();
  return cache.remember(key, () => fetchPermission(octokit, { owner, repo, username }));
}
