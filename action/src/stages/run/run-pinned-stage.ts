import { failedRun } from "./failed-run.js";
import { type RunStageOptions, runStage, type StageRunOutput } from "./run-stage.js";
import { verifyCheckout } from "./verify-checkout.js";

/**
 * The Action's stage run: the checkout must be at the spec's pinned base,
 * then the stage runs. Whatever breaks on the way comes back as a failed
 * run with the reason, never as a throw: a result is always reported.
 */
export async function runPinnedStage(options: RunStageOptions): Promise<StageRunOutput> {
  try {
    await verifyCheckout(options.dir, options.spec.base_sha);
    return await runStage(options);
  } catch (error) {
    return failedRun(error, options.env);
  }
}
