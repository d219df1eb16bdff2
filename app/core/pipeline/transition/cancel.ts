import type { CancelEvent } from "../events.js";
import type { PipelineState } from "../state.js";
import { cancelOpenRun } from "./close-run.js";
import { andThen, patchItem, refuse, stay, type Transition } from "./step.js";

/** `/cancel`: the work item ends, and its open run (workflow and check run) is cancelled. */
export function cancel(state: PipelineState, event: CancelEvent): Transition {
  if (state.item.state === "merging")
    return refuse(state, "too late to cancel: the merge is under way");
  const summary = `Cancelled by @${event.actor}.`;
  return andThen(cancelOpenRun(state, summary), (next) =>
    stay(patchItem(next, { state: "cancelled" })),
  );
}
