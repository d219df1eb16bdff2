import type { ProbotOctokit } from "probot";
import type { StageResult } from "../../contract/stage-result.js";
import type { WorkItemRef } from "../effects/work-item-ref.js";

type Octokit = Pick<ProbotOctokit, "request">;

/** The PR a result was written to: its number, and the head the review is posted on. */
export interface PullRequestRef {
  number: number;
}

// The issue closes when its work merges; the result's own words come first.
function bodyFor(ref: WorkItemRef, result: StageResult): string {
  const closes =
    ref.kind === "issue" && ref.issueNumber !== null ? `Closes #${ref.issueNumber}` : "";
  if (closes === "" || result.pr.body.includes(closes)) return result.pr.body;
  return result.pr.body.trim() === "" ? closes : `${result.pr.body.trimEnd()}\n\n${closes}`;
}

async function findOpenPullRequest(octokit: Octokit, ref: WorkItemRef, branch: string) {
  const { data } = await octokit.request("GET /repos/{owner}/{repo}/pulls", {
    owner: ref.owner,
    repo: ref.repo,
    head: `${ref.owner}:${branch}`,
    state: "open",
  });
  return data[0];
}

/**
 * Opens the work item's PR from `branch`, or updates the open one, found by
 * its head branch first so a retry never opens a second. A result without a
 * PR title (a test or review run) leaves an open PR's text alone, and opens
 * none when the branch has no PR yet (undefined).
 */
export async function upsertPullRequest(
  octokit: Octokit,
  ref: WorkItemRef,
  branch: string,
  result: StageResult,
): Promise<PullRequestRef | undefined> {
  const open = await findOpenPullRequest(octokit, ref, branch);
  const title = result.pr.title.trim();
  const body = bodyFor(ref, result);
  const { owner, repo } = ref;
  if (open !== undefined) {
    if (title !== "" && (open.title !== title || (open.body ?? "") !== body)) {
      await octokit.request("PATCH /repos/{owner}/{repo}/pulls/{pull_number}", {
        owner,
        repo,
        pull_number: open.number,
        title,
        body,
      });
    }
    return { number: open.number };
  }
  if (title === "") return undefined;
  const base = ref.defaultBranch;
  const { data } = await octokit.request("POST /repos/{owner}/{repo}/pulls", {
    owner,
    repo,
    title,
    head: branch,
    base,
    body,
  });
  return { number: data.number };
}
