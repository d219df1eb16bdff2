import { createHash } from "node:crypto";
import { httpStatus } from "../../auth/http-status.js";
import { checkRunUrl } from "../../core/report/links.js";
import { GITHUB_LIMITS, type MoreAt, truncateComment } from "../../core/report/truncate.js";
import { findLatestCheckRun } from "../../store/check-runs.js";
import { repoLocation } from "../check-runs/repo-location.js";
import type { PerformerContext } from "../performer-context.js";
import { findAppComment } from "./find-app-comment.js";
import { workItemThread } from "./work-item-thread.js";

/**
 * The outbox row an effect came from. The reply performers take it as an
 * optional third argument: with it, a retry is recognised by the effect's own
 * key among comments made since it was queued; without it, by the body, so an
 * identical notice is never posted twice on the same thread.
 */
export interface EffectOrigin {
  idempotencyKey: string;
  /** When the effect was queued (ISO 8601). */
  createdAt: string;
}

/** The hidden line that lets a retry find the comment an earlier attempt posted. */
export function effectMarker(workItemId: number, body: string, origin?: EffectOrigin): string {
  const seed = origin === undefined ? `${workItemId}\n${body}` : origin.idempotencyKey;
  const digest = createHash("sha256").update(seed).digest("hex").slice(0, 32);
  return `<!-- quantapilot:effect:${digest} -->`;
}

// Minutes of slack: the database's clock and GitHub's need not agree to the second.
function sinceQueued(origin: EffectOrigin | undefined): string | undefined {
  if (origin === undefined) return undefined;
  return new Date(Date.parse(origin.createdAt) - 5 * 60_000).toISOString();
}

// A cut comment points to the check run, where each stage tells its whole story.
async function moreAt(context: PerformerContext): Promise<MoreAt | null> {
  const latest = await findLatestCheckRun(context.sql, context.ref.workItemId);
  if (latest === undefined) return null;
  const url = checkRunUrl(repoLocation(context), latest.checkRunId);
  return { label: `QuantaPilot / ${latest.stage}`, url };
}

/**
 * Posts `text` on the work item's thread unless an earlier attempt did,
 * cut to GitHub's 65,536 characters with a link when too long. A thread
 * that is gone (404, 410) or not there yet is logged, not retried forever.
 */
export async function postOnce(
  context: PerformerContext,
  text: string,
  origin?: EffectOrigin,
): Promise<void> {
  const { ref, log } = context;
  const thread = workItemThread(ref);
  if (thread === null) return log.warn("The work item has no issue or pull request to comment on");
  const marker = effectMarker(ref.workItemId, text, origin);
  try {
    if (await findAppComment(context, thread, marker, sinceQueued(origin))) return;
    const room = GITHUB_LIMITS.commentBody - marker.length - 1;
    const body = text.length > room ? truncateComment(text, await moreAt(context), room) : text;
    await context.octokit.request("POST /repos/{owner}/{repo}/issues/{issue_number}/comments", {
      owner: ref.owner,
      repo: ref.repo,
      issue_number: thread,
      body: `${body}\n${marker}`,
    });
  } catch (error) {
    const status = httpStatus(error);
    if (status !== 404 && status !== 410) throw error;
    log.warn({ thread, status }, "The thread is gone; nothing was posted");
  }
}
