import type { HeadPushedEvent } from "../events.js";
import type { PipelineState } from "../state.js";
import { shortSha } from "./describe-next.js";
import { patchItem, refuse, type Step, stay, type Transition } from "./step.js";

/** Same tree, new commit: the approval moves with it, and a merge in flight is asked again. */
function carryApproval(state: PipelineState, sha: string): Step {
  const next = patchItem(state, { approvedSha: sha });
  if (next.item.state !== "merging") return stay(next);
  return { state: next, effects: [{ type: "merge_pr", expectedHeadSha: sha }] };
}

/** New content: the approval no longer holds; a merge in flight will fail on its SHA. */
function voidApproval(state: PipelineState, approved: string, sha: string): Step {
  const was = state.item.state;
  const next = patchItem(state, {
    approvedSha: null,
    state: was === "merging" ? "awaiting_approval" : was,
  });
  const body =
    `New commits at ${shortSha(sha)}: the approval of ${shortSha(approved)} no longer holds.` +
    " Approve the new head to merge it.";
  return { state: next, effects: [{ type: "reply", body }] };
}

/** The PR head moved. An approval is bound to a SHA: it survives only an unchanged tree. */
export function headPushed(state: PipelineState, event: HeadPushedEvent): Transition {
  const { headSha, approvedSha } = state.item;
  if (event.sha === headSha) return refuse(state, `the head is already ${shortSha(headSha)}`);
  const moved = patchItem(state, { headSha: event.sha });
  if (approvedSha === null) return stay(moved);
  return event.treeUnchanged
    ? carryApproval(moved, event.sha)
    : voidApproval(moved, approvedSha, event.sha);
}
