import type { ResultRefusedEvent, RunLostEvent } from "../events.js";
import type { PipelineState } from "../state.js";
import { closeRun, findOpenRun, invalidUsd, reportRun } from "./close-run.js";
import { patchItem, refuse, type Step, type Transition } from "./step.js";

/** The app refused the run's result: nothing was written, a person decides. */
export function resultRefused(state: PipelineState, event: ResultRefusedEvent): Transition {
  const run = findOpenRun(state, event.runId);
  if (typeof run === "string") return refuse(state, run);
  const badUsd = invalidUsd(event.usd);
  if (badUsd !== null) return refuse(state, badUsd);
  const waiting = patchItem(closeRun(state, event.usd), { state: "waiting_for_human" });
  const headline = `The ${run.stage} result was refused, and nothing was written: ${event.reason}.`;
  return reportRun({ state: waiting, effects: [] }, run.id, "action_required", headline);
}

/**
 * The run ended with no result (its workflow completed, or it ran past its
 * time and is cancelled): a person decides. Nothing is charged: no result
 * reported what it spent.
 */
export function runLost(state: PipelineState, event: RunLostEvent): Transition {
  const run = findOpenRun(state, event.runId);
  if (typeof run === "string") return refuse(state, run);
  const waiting = patchItem(closeRun(state, 0), { state: "waiting_for_human" });
  const step: Step = {
    state: waiting,
    effects: event.timedOut ? [{ type: "cancel_workflow_run", runId: run.id }] : [],
  };
  const headline = `The ${run.stage} run ended without a result: ${event.reason}.`;
  return reportRun(step, run.id, event.timedOut ? "timed_out" : "failure", headline);
}
