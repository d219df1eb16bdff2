import type { RunStartedEvent } from "../events.js";
import type { PipelineState } from "../state.js";
import { findOpenRun } from "./close-run.js";
import { patchItem, refuse, type Transition } from "./step.js";

/** The run's workflow job started: its check run goes in progress. */
export function runStarted(state: PipelineState, event: RunStartedEvent): Transition {
  const run = findOpenRun(state, event.runId);
  if (typeof run === "string") return refuse(state, run);
  if (run.status === "in_progress") return refuse(state, `run ${run.id} is already in progress`);
  const next = patchItem(state, { openRun: { ...run, status: "in_progress" } });
  return { state: next, effects: [{ type: "start_check_run", runId: run.id }] };
}
