import type { Effect } from "../effects.js";
import type { OpenRun, PipelineState, WorkItem } from "../state.js";
import { budgetShortfall, projectBlocker, stageRunCapUsd } from "./dispatch-checks.js";
import { patchItem, type Step, stay } from "./step.js";

/** The run's check run, queued, and the workflow dispatch pinned to the current head. */
function dispatchEffects(item: WorkItem, run: OpenRun): Effect[] {
  const { id: runId, stage, iteration, usdCap } = run;
  const { headSha, findings, feedback } = item;
  return [
    { type: "create_check_run", runId, stage, headSha },
    {
      type: "dispatch_stage",
      runId,
      stage,
      iteration,
      usdCap,
      baseSha: headSha,
      findings,
      feedback,
    },
  ];
}

/**
 * Open run `lastRunId + 1` of the work item's current stage. The caller has
 * checked that no run is open, the item is not held, and the project and its
 * budget allow it.
 */
export function openRun(state: PipelineState): Step {
  const { item } = state;
  const run: OpenRun = {
    id: item.lastRunId + 1,
    stage: item.stage,
    iteration: item.iteration,
    status: "queued",
    usdCap: stageRunCapUsd(state),
  };
  const next = patchItem(state, { state: "running", openRun: run, lastRunId: run.id });
  return { state: next, effects: dispatchEffects(item, run) };
}

/**
 * A queued stage is due. A paused project leaves it queued (a `resume`
 * dispatches it); a spent budget hands it to a person, saying so.
 */
export function dispatchOrWait(state: PipelineState): Step {
  if (projectBlocker(state) !== null) return stay(state);
  const notice = budgetShortfall(state);
  if (notice === null) return openRun(state);
  return { state: patchItem(state, { state: "waiting_for_human" }), effects: [notice] };
}
