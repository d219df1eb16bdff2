import type { HoldEvent, ResumeEvent, UnholdEvent } from "../events.js";
import type { PipelineState } from "../state.js";
import { proceed } from "./advance.js";
import { describeNext } from "./describe-next.js";
import { dispatchOrWait } from "./dispatch.js";
import { projectBlocker } from "./dispatch-checks.js";
import { patchItem, refuse, type Transition } from "./step.js";

/**
 * `/hold`: no automatic step (dispatch, merge) until `/hold cancel`. A run
 * already open finishes and its result is recorded; what it would start waits.
 */
export function hold(state: PipelineState, _event: HoldEvent): Transition {
  if (state.item.held) return refuse(state, "already on hold");
  if (state.item.state === "merging") {
    return refuse(state, "too late to hold: the merge is under way");
  }
  return { state: patchItem(state, { held: true }), effects: [] };
}

/** `/hold cancel`: take the step that waited, if any. */
export function unhold(state: PipelineState, _event: UnholdEvent): Transition {
  if (!state.item.held) return refuse(state, "not on hold");
  return proceed(patchItem(state, { held: false }));
}

/** The project may dispatch again (installation unsuspended, project reactivated). */
export function resume(state: PipelineState, _event: ResumeEvent): Transition {
  const { item } = state;
  if (item.held || item.state !== "queued" || item.lastRunId === 0) {
    return refuse(state, `nothing to resume. ${describeNext(state)}`);
  }
  const blocker = projectBlocker(state);
  if (blocker !== null) return refuse(state, `cannot resume: ${blocker}`);
  return dispatchOrWait(state);
}
