import type { StageName } from "../../../../contract/config.js";
import type { RetryEvent } from "../events.js";
import { stagesFor } from "../flow.js";
import type { PipelineState } from "../state.js";
import { cancelOpenRun } from "./close-run.js";
import { openRun } from "./dispatch.js";
import { budgetShortfall, describeShortfall, projectBlocker } from "./dispatch-checks.js";
import { andThen, patchItem, refuse, type Transition } from "./step.js";

/** Why a new run of `stage` cannot start now, or null when it can. */
function retryBlocker(state: PipelineState, stage: StageName): string | null {
  const { item, config } = state;
  if (item.state === "merging") return "the merge is under way";
  if (item.held) return "the work item is on hold: /hold cancel first";
  if (item.lastRunId === 0) return "nothing to retry: the work item has not started";
  const stages = stagesFor(item.kind, config);
  if (!stages.includes(stage)) {
    return `the ${stage} stage does not run for ${item.kind} work (runs: ${stages.join(", ")})`;
  }
  const blocker = projectBlocker(state);
  if (blocker !== null) return `nothing can run: ${blocker}`;
  const notice = budgetShortfall(patchItem(state, { stage }));
  return notice === null ? null : describeShortfall(notice);
}

/**
 * `/retry [stage]`, Re-run, Retry: a new run of the given (or current)
 * stage. An open run is cancelled first — its workflow and its check run —
 * so there is never more than one. Iterations and findings are kept.
 */
export function retry(state: PipelineState, event: RetryEvent): Transition {
  const stage = event.stage ?? state.item.stage;
  const why = retryBlocker(state, stage);
  if (why !== null) return refuse(state, why);
  const summary = `Cancelled: @${event.actor} asked for a new ${stage} run.`;
  return andThen(cancelOpenRun(state, summary), (next) =>
    openRun(patchItem(next, { stage, state: "queued", approvedSha: null })),
  );
}
