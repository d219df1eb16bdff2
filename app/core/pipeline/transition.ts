import type { PipelineEvent } from "./events.js";
import { isTerminal, type PipelineState } from "./state.js";
import { approve, unapprove } from "./transition/approve.js";
import { cancel } from "./transition/cancel.js";
import { headPushed } from "./transition/head-pushed.js";
import { hold, resume, unhold } from "./transition/hold.js";
import { mergeBlocked, merged } from "./transition/merged.js";
import { reject } from "./transition/reject.js";
import { resultAccepted } from "./transition/result-accepted.js";
import { retry } from "./transition/retry.js";
import { resultRefused, runLost } from "./transition/run-ended.js";
import { runStarted } from "./transition/run-started.js";
import { start } from "./transition/start.js";
import { refuse, type Transition, withEffects } from "./transition/step.js";

export type { Step, Transition } from "./transition/step.js";

function handle(state: PipelineState, event: PipelineEvent): Transition {
  switch (event.type) {
    case "start":
      return start(state, event);
    case "run_started":
      return runStarted(state, event);
    case "result_accepted":
      return resultAccepted(state, event);
    case "result_refused":
      return resultRefused(state, event);
    case "run_lost":
      return runLost(state, event);
    case "approve":
      return approve(state, event);
    case "unapprove":
      return unapprove(state, event);
    case "reject":
      return reject(state, event);
    case "retry":
      return retry(state, event);
    case "hold":
      return hold(state, event);
    case "unhold":
      return unhold(state, event);
    case "cancel":
      return cancel(state, event);
    case "resume":
      return resume(state, event);
    case "head_pushed":
      return headPushed(state, event);
    case "merged":
      return merged(state, event);
    case "merge_blocked":
      return mergeBlocked(state, event);
  }
}

/**
 * The pipeline: one event applied to one work item. Pure — no clock, no I/O;
 * the caller stores the new state and writes the effects to the outbox in one
 * transaction. A refused event (`rejected` says why, for the reply) leaves the
 * state as it was and has no effects; a terminal work item refuses everything.
 * Every accepted event ends by refreshing the item's status comment and the
 * project's dashboard.
 */
export function transition(state: PipelineState, event: PipelineEvent): Transition {
  if (isTerminal(state.item.state)) {
    return refuse(state, `the work item is ${state.item.state}: nothing more happens to it`);
  }
  const out = handle(state, event);
  if (out.rejected !== undefined) return out;
  return withEffects(out, { type: "update_status_comment" }, { type: "update_dashboard" });
}
