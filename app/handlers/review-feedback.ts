import type { RequestOctokit } from "../auth/get-permission.js";

export interface ReviewRef {
  owner: string;
  repo: string;
  pullNumber: number;
  reviewId: number;
  /** The review's own text, if any. */
  body: string | null;
}

// 10 pages of 100: more inline comments than any person writes in one review.
const MAX_PAGES = 10;

async function readInlineComments(octokit: RequestOctokit, review: ReviewRef): Promise<string[]> {
  const lines: string[] = [];
  for (let page = 1; page <= MAX_PAGES; page++) {
    const { data } = await octokit.request(
      "GET /repos/{owner}/{repo}/pulls/{pull_number}/reviews/{review_id}/comments",
      {
        owner: review.owner,
        repo: review.repo,
        pull_number: review.pullNumber,
        review_id: review.reviewId,
        per_page: 100,
        page,
      },
    );
    for (const comment of data) {
      const line = comment.line ?? comment.original_line;
      lines.push(`- \`${comment.path}\`${line ? ` line ${line}` : ""}: ${comment.body.trim()}`);
    }
    if (data.length < 100) break;
  }
  return lines;
}

/**
 * What a review requesting changes tells the developer: its text and every
 * inline comment with the file and line it sits on, so a rejection by review
 * carries as much as the reviewer wrote.
 */
export async function readReviewFeedback(
  octokit: RequestOctokit,
  review: ReviewRef,
): Promise<string> {
  const text = review.body?.trim() || "Changes requested in a review.";
  const inline = await readInlineComments(octokit, review);
  return inline.length === 0 ? text : [text, "", "Inline comments:", ...inline].join("\n");
}
