import type { CreateCheckRunEffect } from "../../core/pipeline/effects.js";
import type { EffectPerformer } from "../performer-context.js";
import { ensureCheckRun } from "./ensure-check-run.js";
import { requireStageRun } from "./require-stage-run.js";

/**
 * `create_check_run`: `QuantaPilot / <stage>`, queued, on the SHA the run is
 * pinned to. Performing it again finds the same check run instead of a second;
 * the first attempt does not search (nothing can exist yet: the stage run is
 * new, and only this effect creates its check run before one is recorded).
 */
export const performCreateCheckRun: EffectPerformer<CreateCheckRunEffect> = async (
  context,
  effect,
) => {
  const run = await requireStageRun(context, effect.runId);
  const mayExist = context.retried !== false;
  const id = await ensureCheckRun(context, run, effect.headSha, { mayExist });
  context.log.debug({ checkRunId: id, runNumber: effect.runId }, "Check run queued");
};
