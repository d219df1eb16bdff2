import { addUsd } from "../../budget.js";
import type { CheckConclusion } from "../effects.js";
import type { OpenRun, PipelineState } from "../state.js";
import { describeNext } from "./describe-next.js";
import { patchItem, type Step, stay } from "./step.js";

/** The open run `runId`, or why an event about `runId` is late, duplicated or unknown. */
export function findOpenRun(state: PipelineState, runId: number): OpenRun | string {
  const run = state.item.openRun;
  if (run === null) return `run ${runId} is not open: no stage run is open`;
  if (run.id !== runId) return `run ${runId} is not the open run (run ${run.id} is)`;
  return run;
}

/** Why a reported amount cannot be charged, or null when it can. */
export function invalidUsd(usd: number): string | null {
  return Number.isFinite(usd) && usd >= 0 ? null : `a run cannot cost ${usd} USD`;
}

/** The open run is over: charge what it spent to the work item and the project. */
export function closeRun(state: PipelineState, usd: number): PipelineState {
  const { project, item } = state;
  return {
    ...state,
    project: { ...project, spentUsd: addUsd(project.spentUsd, usd) },
    item: { ...item, openRun: null, spentUsd: addUsd(item.spentUsd, usd) },
  };
}

/** Cancel the open run, if any: its workflow and its check run. */
export function cancelOpenRun(state: PipelineState, summary: string): Step {
  const run = state.item.openRun;
  if (run === null) return stay(state);
  return {
    state: patchItem(state, { openRun: null }),
    effects: [
      { type: "cancel_workflow_run", runId: run.id },
      { type: "complete_check_run", runId: run.id, conclusion: "cancelled", summary },
    ],
  };
}

/** `step`, preceded by completing run `runId`'s check run: what happened, then what is next. */
export function reportRun(
  step: Step,
  runId: number,
  conclusion: CheckConclusion,
  headline: string,
): Step {
  const summary = `${headline} ${describeNext(step.state)}`;
  return {
    state: step.state,
    effects: [{ type: "complete_check_run", runId, conclusion, summary }, ...step.effects],
  };
}
