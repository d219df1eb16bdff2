import type { Completion, CompletionRequest } from "../../llm/types.js";
import type { RunAgentOptions } from "../loop.js";
import type { Stop } from "./run-state.js";

/**
 * One model call, aborted when the stage run's wall clock runs out. A
 * failure is a stop, not a throw: out of time is the minutes limit,
 * anything else (every model of the chain down) fails the run with the
 * error's message, which names each model and what to do.
 */
export async function callModel(
  options: RunAgentOptions,
  request: Omit<CompletionRequest, "signal">,
): Promise<{ completion: Completion } | { stop: Stop }> {
  const signal = AbortSignal.timeout(Math.max(1, options.guard.remainingMs()));
  try {
    return { completion: await options.model.complete({ ...request, signal }) };
  } catch (error) {
    if (signal.aborted) {
      const summary =
        "Stopped: the stage run's wall-clock limit ran out during a model call (budgets.stage_run.minutes).";
      return { stop: { outcome: "limit", summary, limitHit: "minutes" } };
    }
    const reason = error instanceof Error ? error.message : String(error);
    return { stop: { outcome: "failed", summary: `The model call failed: ${reason}` } };
  }
}
