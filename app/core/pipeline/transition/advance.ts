import { isGated, nextStage, reworkStage } from "../flow.js";
import type { Finding, PipelineState, WorkItem } from "../state.js";
import { dispatchOrWait } from "./dispatch.js";
import { patchItem, type Step, stay } from "./step.js";

function isApproved(item: WorkItem): boolean {
  return item.approvedSha !== null && item.approvedSha === item.headSha;
}

/**
 * The automatic step that is due, unless the item is held: dispatch a queued
 * stage, or move past an approved gate. Everything that may unblock an item
 * (a result, an approval, `/hold cancel`) ends here.
 */
export function proceed(state: PipelineState): Step {
  const { item } = state;
  if (item.held || item.openRun !== null) return stay(state);
  if (item.state === "queued") return dispatchOrWait(state);
  if (item.state === "awaiting_approval" && isApproved(item)) return passGate(state);
  return stay(state);
}

/** The current stage finished well: wait for its human gate, or move on. */
export function passStage(state: PipelineState): Step {
  const waiting = patchItem(state, { state: "awaiting_approval", approvedSha: null });
  return isGated(state.config, state.item.stage) ? stay(waiting) : passGate(waiting);
}

/** The current stage's gate is passed: on to the next configured stage, or to the end. */
export function passGate(state: PipelineState): Step {
  const { kind, stage } = state.item;
  const next = nextStage(kind, state.config, stage);
  if (next === null) return finish(state);
  return proceed(patchItem(state, { stage: next, state: "queued", approvedSha: null }));
}

/**
 * After the last stage: merge the PR at the approved head. A release with
 * nothing to commit is done at once and publishes from the default branch.
 */
function finish(state: PipelineState): Step {
  const { item } = state;
  if (item.kind === "release" && item.headSha === null) {
    const done = patchItem(state, { state: "done" });
    return { state: done, effects: [{ type: "publish_release", sha: null }] };
  }
  if (item.headSha === null) {
    const body = "Nothing to merge: the work branch has no commits. /retry a stage, or /cancel.";
    return {
      state: patchItem(state, { state: "waiting_for_human" }),
      effects: [{ type: "reply", body }],
    };
  }
  const approved = patchItem(state, { approvedSha: item.headSha });
  if (item.held) return stay(patchItem(approved, { state: "awaiting_approval" }));
  const merging = patchItem(approved, { state: "merging" });
  return { state: merging, effects: [{ type: "merge_pr", expectedHeadSha: item.headSha }] };
}

/**
 * A failed quality gate or requested changes: back to the rework stage with
 * the findings, one more iteration — or to a person once `max_iterations`
 * automatic round trips are spent.
 */
export function loopBack(state: PipelineState, findings: readonly Finding[]): Step {
  const { item, config } = state;
  const stage = reworkStage(item.kind, config);
  if (stage === null || item.iteration >= config.max_iterations) {
    return stay(patchItem(state, { state: "waiting_for_human", findings }));
  }
  const iteration = item.iteration + 1;
  return proceed(
    patchItem(state, { stage, state: "queued", iteration, findings, approvedSha: null }),
  );
}
