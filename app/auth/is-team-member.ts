import type { RequestOctokit } from "./get-permission.js";
import { httpStatus } from "./http-status.js";
import type { PermissionCache } from "./permission-cache.js";

/** The installation's client and the app-wide cache of membership answers. */
export type TeamLookup = { octokit: RequestOctokit; cache: PermissionCache<boolean> };

async function fetchMembership(
  octokit: RequestOctokit,
  membership: { org: string; team_slug: string; username: string },
): Promise<boolean> {
  try {
    const { data } = await octokit.request(
      "GET /orgs/{org}/teams/{team_slug}/memberships/{username}",
      membership,
    );
    // A pending invitation is not membership yet.
    return data.state === "active";
  } catch (error) {
    if (httpStatus(error) === 404) return false;
    throw error;
  }
}

/**
 * Whether `username` is an active member of `team` ("org/team-slug"), asked
 * of GitHub once per (team, user) while the cached answer is fresh. A 404 is
 * "not a member"; other errors propagate.
 */
export function isTeamMember(
  { octokit, cache }: TeamLookup,
  { team, username }: { team: string; username: string },
): Promise<boolean> {
  const [org = "", teamSlug = ""] = team.split("/");
  const key = `${org}/${teamSlug}:${username}`.toLowerCase();
  return cache.remember(key, () =>
    fetchMembership(octokit, { org, team_slug: teamSlug, username }),
  );
}
