import type { StartEvent } from "../events.js";
import { stagesFor } from "../flow.js";
import type { PipelineState } from "../state.js";
import { proceed } from "./advance.js";
import { describeNext } from "./describe-next.js";
import { projectBlocker } from "./dispatch-checks.js";
import { patchItem, refuse, type Transition } from "./step.js";

function isFresh(state: PipelineState): boolean {
  const { item } = state;
  return item.state === "queued" && item.lastRunId === 0 && item.openRun === null;
}

/** A stage label or the kickoff: start a fresh work item at the given (or first) stage. */
export function start(state: PipelineState, event: StartEvent): Transition {
  const { item, config } = state;
  if (!isFresh(state)) {
    return refuse(state, `already started. ${describeNext(state)} Use /retry [stage] instead.`);
  }
  const stages = stagesFor(item.kind, config);
  const stage = event.stage ?? stages[0];
  if (stage === undefined || !stages.includes(stage)) {
    const enabled = stages.join(", ");
    return refuse(
      state,
      `the ${stage} stage does not run for ${item.kind} work (runs: ${enabled})`,
    );
  }
  const blocker = projectBlocker(state);
  if (blocker !== null) return refuse(state, `nothing can start: ${blocker}`);
  return proceed(patchItem(state, { stage }));
}
