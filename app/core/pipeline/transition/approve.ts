import type { ApproveEvent, UnapproveEvent } from "../events.js";
import type { PipelineState } from "../state.js";
import { proceed } from "./advance.js";
import { describeNext, shortSha } from "./describe-next.js";
import { patchItem, refuse, type Transition, withEffects } from "./step.js";

/** A full SHA, or an abbreviation of at least seven characters, names `head`. */
function namesHead(sha: string, head: string): boolean {
  return sha.length >= 7 && head.startsWith(sha.toLowerCase());
}

/** Why an approval at `sha` cannot be taken, or null when it can. */
function approvalBlocker(state: PipelineState, sha: string | undefined): string | null {
  const { item } = state;
  if (item.state !== "awaiting_approval") return `nothing awaits approval. ${describeNext(state)}`;
  if (item.headSha === null) return "nothing to approve: the work branch has no commits";
  if (sha !== undefined && !namesHead(sha, item.headSha)) {
    return `${shortSha(sha)} is not the PR head (${shortSha(item.headSha)}): approve the current head`;
  }
  if (item.approvedSha === item.headSha) return `already approved at ${shortSha(item.headSha)}`;
  return null;
}

/**
 * Approve the current stage at the PR head (an approval names the SHA it
 * saw; a stale one is refused): the item moves past its gate — to the next
 * stage or to the merge — unless it is held.
 */
export function approve(state: PipelineState, event: ApproveEvent): Transition {
  const why = approvalBlocker(state, event.sha);
  if (why !== null) return refuse(state, why);
  const { headSha, held } = state.item;
  const step = proceed(patchItem(state, { approvedSha: headSha }));
  if (!held) return step;
  const body = `@${event.actor} approved ${shortSha(headSha)}. On hold: it moves on after /hold cancel.`;
  return withEffects(step, { type: "reply", body });
}

/** `/approve cancel`: withdraw an approval that has not been acted on (the item is held). */
export function unapprove(state: PipelineState, _event: UnapproveEvent): Transition {
  const { item } = state;
  if (item.state === "merging") return refuse(state, "too late: the merge is under way");
  if (item.state !== "awaiting_approval" || item.approvedSha === null) {
    return refuse(state, "there is no approval to withdraw");
  }
  return { state: patchItem(state, { approvedSha: null }), effects: [] };
}
