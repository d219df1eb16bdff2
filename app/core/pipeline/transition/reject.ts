import type { RejectEvent } from "../events.js";
import { reworkStage } from "../flow.js";
import type { PipelineState, WorkItemState } from "../state.js";
import { proceed } from "./advance.js";
import { describeNext } from "./describe-next.js";
import { patchItem, refuse, type Transition } from "./step.js";

const REJECTABLE: ReadonlySet<WorkItemState> = new Set([
  "awaiting_approval",
  "waiting_for_human",
  "queued",
]);

/** Why a rejection cannot be taken now, or null when it can. */
function rejectionBlocker(state: PipelineState, event: RejectEvent): string | null {
  const { item } = state;
  if (event.feedback.trim() === "") return "say what is wrong: /reject <reason>";
  if (item.lastRunId === 0) return "nothing to reject: no stage has run yet";
  if (!REJECTABLE.has(item.state)) {
    return `${describeNext(state)} /reject once it is finished, or /retry <stage> to start over now.`;
  }
  return null;
}

/**
 * `/reject <why>` or a review requesting changes: back to the rework stage
 * (implement; a kickoff's plan) with the feedback. A person's rejection is not
 * an automatic round trip, so it does not count against `max_iterations`.
 */
export function reject(state: PipelineState, event: RejectEvent): Transition {
  const why = rejectionBlocker(state, event);
  if (why !== null) return refuse(state, why);
  const stage = reworkStage(state.item.kind, state.config);
  if (stage === null) return refuse(state, "there is no stage to send the work back to");
  const said = { actor: event.actor, body: event.feedback, at: event.now };
  const feedback = [...state.item.feedback, said];
  return proceed(patchItem(state, { stage, state: "queued", approvedSha: null, feedback }));
}
