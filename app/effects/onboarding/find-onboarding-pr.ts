import type { FoundOnboardingPr } from "../../core/onboarding/judge-onboarding-pr.js";
import { ONBOARDING_BRANCH } from "../../core/onboarding/onboarding-pull-request.js";
import type { Octokit, RepoLocation } from "./read-repo-file.js";

/**
 * The newest PR from `quantapilot/onboarding`, in any state: whether a closed
 * one is a person's "no" depends on when it was closed (`judgeOnboardingPr`).
 */
export async function findOnboardingPr(
  octokit: Octokit,
  where: RepoLocation,
): Promise<FoundOnboardingPr | undefined> {
  const { data } = await octokit.request("GET /repos/{owner}/{repo}/pulls", {
    ...where,
    head: `${where.owner}:${ONBOARDING_BRANCH}`,
    state: "all",
  });
  const pr = data[0];
  return (
    pr && {
      number: pr.number,
      state: pr.state,
      headSha: pr.head.sha,
      closedAt: pr.closed_at ?? null,
      mergedAt: pr.merged_at ?? null,
    }
  );
}
