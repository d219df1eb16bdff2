import type { ReplyEffect } from "../../core/pipeline/effects.js";
import type { PerformerContext } from "../performer-context.js";
import { type EffectOrigin, postOnce } from "./post-once.js";

/**
 * `reply`: the pipeline explains something on the work item's issue (the PR
 * for a kickoff). Pass the outbox row as `origin` so a retry is recognised by
 * its key; see `EffectOrigin`.
 */
export async function performReply(
  context: PerformerContext,
  effect: ReplyEffect,
  origin?: EffectOrigin,
): Promise<void> {
  await postOnce(context, effect.body, origin);
}
