import { httpStatus } from "../../auth/http-status.js";
import { statusCommentMarker } from "../../core/report/status-comment.js";
import { claimStatusComment } from "../../store/check-runs.js";
import type { PerformerContext } from "../performer-context.js";
import { findAppComment } from "./find-app-comment.js";

/** Edits comment `id`; false when it no longer exists (someone deleted it). */
async function editComment(context: PerformerContext, id: number, body: string): Promise<boolean> {
  try {
    await context.octokit.request("PATCH /repos/{owner}/{repo}/issues/comments/{comment_id}", {
      owner: context.ref.owner,
      repo: context.ref.repo,
      comment_id: id,
      body,
    });
    return true;
  } catch (error) {
    if (httpStatus(error) === 404) return false;
    throw error;
  }
}

// Two workers may both create the comment; the one whose id was not recorded removes its own.
async function createComment(
  context: PerformerContext,
  thread: number,
  body: string,
  storedId: number | null,
): Promise<void> {
  const { octokit, ref, sql } = context;
  const repo = { owner: ref.owner, repo: ref.repo };
  const { data } = await octokit.request(
    "POST /repos/{owner}/{repo}/issues/{issue_number}/comments",
    { ...repo, issue_number: thread, body },
  );
  const id = Number(data.id);
  const winner = await claimStatusComment(sql, ref.workItemId, id, storedId);
  if (winner === null || winner === id) return;
  await octokit.request("DELETE /repos/{owner}/{repo}/issues/comments/{comment_id}", {
    ...repo,
    comment_id: id,
  });
  await editComment(context, winner, body);
}

/**
 * Keeps one status comment per work item: edits the recorded one; when that
 * is gone, finds ours by its hidden marker and records it; creates one only
 * when there is none.
 */
export async function writeStatusComment(
  context: PerformerContext,
  thread: number,
  body: string,
  storedId: number | null,
): Promise<void> {
  if (storedId !== null && (await editComment(context, storedId, body))) return;
  const marker = statusCommentMarker(context.ref.workItemId);
  const found = await findAppComment(context, thread, marker);
  if (found === undefined) return createComment(context, thread, body, storedId);
  await editComment(context, found.id, body);
  await claimStatusComment(context.sql, context.ref.workItemId, found.id, storedId);
}
