import type { ProbotOctokit } from "probot";
import type { StageResult } from "../../contract/stage-result.js";
import type { WorkItemRef } from "../effects/work-item-ref.js";

type Octokit = Pick<ProbotOctokit, "request" | "paginate">;
type Review = NonNullable<StageResult["review"]>;

// GitHub's limit is 65,536 characters; the rest is room for the marker.
const MAX_BODY = 65_000;

/** The hidden line by which a retry finds the review it already posted. */
export function reviewMarker(stageRunId: number): string {
  return `<!-- quantapilot:review:stage-run-${stageRunId} -->`;
}

// GitHub refuses an approval or a change request on one's own PR, and the
// app opened this one: the review is a comment, its verdict said in words.
function verdictLine(review: Review): string {
  if (review.event === "APPROVE") return "**QuantaPilot review: approved.**";
  if (review.event === "REQUEST_CHANGES") return "**QuantaPilot review: changes requested.**";
  return "";
}

function reviewBody(review: Review, stageRunId: number, inline: string): string {
  const text = [verdictLine(review), review.body.trim(), inline].filter(Boolean).join("\n\n");
  return `${text.slice(0, MAX_BODY)}\n\n${reviewMarker(stageRunId)}`;
}

// Comments on lines outside the diff make GitHub refuse the whole review; then they go in the body.
function inlineAsText(review: Review): string {
  return review.comments.map((c) => `- \`${c.path}:${c.line}\`: ${c.body}`).join("\n");
}

async function alreadyPosted(octokit: Octokit, ref: WorkItemRef, pr: number, stageRunId: number) {
  const reviews = await octokit.paginate("GET /repos/{owner}/{repo}/pulls/{pull_number}/reviews", {
    owner: ref.owner,
    repo: ref.repo,
    pull_number: pr,
    per_page: 100,
  });
  return reviews.some((review) => review.body.includes(reviewMarker(stageRunId)));
}

/**
 * Posts a result's review on the PR at `commitId`, once: a retry finds the
 * first by its marker. Inline comments that GitHub refuses (a line outside
 * the diff) are folded into the body rather than losing the review.
 */
export async function postReview(
  octokit: Octokit,
  ref: WorkItemRef,
  target: { pr: number; commitId: string; stageRunId: number },
  review: Review,
): Promise<void> {
  if (await alreadyPosted(octokit, ref, target.pr, target.stageRunId)) return;
  const post = (body: string, comments: Review["comments"]) =>
    octokit.request("POST /repos/{owner}/{repo}/pulls/{pull_number}/reviews", {
      owner: ref.owner,
      repo: ref.repo,
      pull_number: target.pr,
      commit_id: target.commitId,
      event: "COMMENT",
      body,
      comments: comments.map(({ path, line, side, body: text }) => ({
        path,
        line,
        side: side ?? "RIGHT",
        body: text,
      })),
    });
  try {
    await post(reviewBody(review, target.stageRunId, ""), review.comments);
  } catch (error) {
    if ((error as { status?: number }).status !== 422 || review.comments.length === 0) throw error;
    await post(reviewBody(review, target.stageRunId, inlineAsText(review)), []);
  }
}
