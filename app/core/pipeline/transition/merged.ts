import type { Effect } from "../effects.js";
import type { MergeBlockedEvent, MergedEvent } from "../events.js";
import type { PipelineState } from "../state.js";
import { cancelOpenRun } from "./close-run.js";
import { shortSha } from "./describe-next.js";
import { patchItem, refuse, type Transition } from "./step.js";

/**
 * What a merge starts elsewhere: the kickoff's milestones, the next
 * milestone, the release — and a merged release is published.
 */
function followUps(state: PipelineState, sha: string): Effect[] {
  const { item, config } = state;
  const sequential = config.milestones.sequential;
  if (item.kind === "release") return [{ type: "publish_release", sha }];
  if (item.kind === "kickoff") {
    return [{ type: "create_milestone_issues", planSha: sha, startAll: !sequential }];
  }
  const milestone = item.milestone;
  if (milestone === null) return [];
  if (milestone.remaining === 0) return [{ type: "start_release" }];
  return sequential ? [{ type: "start_next_milestone", after: milestone.index }] : [];
}

/** The PR was merged (by the app, or by a person): the work item is done. */
export function merged(state: PipelineState, event: MergedEvent): Transition {
  const cancelled = cancelOpenRun(state, "Cancelled: the pull request was merged.");
  const done = patchItem(cancelled.state, { state: "done" });
  return { state: done, effects: [...cancelled.effects, ...followUps(state, event.sha)] };
}

/**
 * GitHub refused the merge for good (the effect waits out running required
 * checks before saying so): a person fixes it and approves again.
 */
export function mergeBlocked(state: PipelineState, event: MergeBlockedEvent): Transition {
  const { item } = state;
  if (item.state !== "merging") return refuse(state, "no merge is under way");
  if (event.expectedHeadSha !== item.approvedSha) {
    return refuse(state, `a newer merge, of ${shortSha(item.approvedSha)}, is under way`);
  }
  const next = patchItem(state, { state: "awaiting_approval", approvedSha: null });
  const body =
    `The merge of ${shortSha(event.expectedHeadSha)} was blocked: ${event.reason}.` +
    " Fix it, then approve again.";
  return { state: next, effects: [{ type: "reply", body }] };
}
