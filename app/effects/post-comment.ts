import type { Logger } from "pino";
import type { ProbotOctokit } from "probot";
import type { ClaimedEffect } from "../store/outbox.js";

/** A comment that answers an event with no work item yet (a refused label, say). */
export interface PostCommentPayload {
  owner: string;
  repo: string;
  issueNumber: number;
  body: string;
}

// GitHub refuses comment bodies over 65,536 characters.
const MAX_BODY = 65_536;

/**
 * Posts the comment unless an earlier attempt already did: the body carries a
 * hidden marker naming the effect, and comments made since it was queued are
 * searched for that marker first.
 */
export async function postComment(
  octokit: Pick<ProbotOctokit, "request">,
  effect: ClaimedEffect,
  payload: PostCommentPayload,
  log: Logger,
): Promise<void> {
  const marker = `<!-- quantapilot:comment:${effect.idempotencyKey} -->`;
  const { owner, repo, issueNumber } = payload;
  const { data: recent } = await octokit.request(
    "GET /repos/{owner}/{repo}/issues/{issue_number}/comments",
    {
      owner,
      repo,
      issue_number: issueNumber,
      since: effect.createdAt,
      per_page: 100,
    },
  );
  if (recent.some((comment) => comment.body?.includes(marker))) {
    log.info("Comment already posted");
    return;
  }
  const room = MAX_BODY - marker.length - 1;
  const body =
    payload.body.length > room
      ? `${payload.body.slice(0, room - 20)}\n\n… (truncated)`
      : payload.body;
  await octokit.request("POST /repos/{owner}/{repo}/issues/{issue_number}/comments", {
    owner,
    repo,
    issue_number: issueNumber,
    body: `${body}\n${marker}`,
  });
}
