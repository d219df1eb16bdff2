import type { Sql } from "postgres";
import type { Probot } from "probot";
import { z } from "zod";
import { acknowledgeMerge } from "../../core/commands/acknowledge-merge.js";
import { markEyesPosted, readItemState } from "../../store/acknowledgements.js";
import { WAIT_FOR_CHECKS_MS } from "../merge-outcome.js";
import { type Performer, RetryLaterError } from "../outbox-worker.js";
import { reactToComment } from "./react-to-comment.js";

/**
 * The `acknowledge_merge` effect's payload: the approving comment and its
 * work item. `itemId`, not `workItemId`: like any reaction, one given up on
 * is logged, not reported as a failing check run asking for a `/retry`.
 */
export const acknowledgeMergePayload = z.object({
  owner: z.string(),
  repo: z.string(),
  commentId: z.number().int().positive(),
  itemId: z.number().int().positive(),
  eyesPosted: z.boolean().optional(),
});

/**
 * `acknowledge_merge`: queued after an approval's `merge_pr`, so the outbox
 * performs it after the merge was tried. 👍 when the item merged; 👀 while
 * the merge waits for required checks (remembered on the row), then it waits
 * alongside the merge — spending no attempt and no request — until 👍.
 */
export function createAcknowledgementPerformers(
  probot: Probot,
  sql: Sql,
): Record<string, Performer> {
  return {
    async acknowledge_merge(effect) {
      const payload = acknowledgeMergePayload.parse(effect.payload);
      const itemState = (await readItemState(sql, payload.itemId)) ?? "gone";
      const waitedMs = Date.now() - Date.parse(effect.createdAt);
      const eyesPosted = payload.eyesPosted === true;
      const decision = acknowledgeMerge({ itemState, eyesPosted, waitedMs });
      if (decision.react !== null) {
        const octokit = await probot.auth(effect.installationId);
        await reactToComment(octokit, payload, decision.react);
      }
      if (!decision.wait) return;
      if (decision.react === "eyes") await markEyesPosted(sql, effect.id);
      throw new RetryLaterError("the approval's merge is still under way", WAIT_FOR_CHECKS_MS, {
        consumesAttempt: false,
      });
    },
  };
}
