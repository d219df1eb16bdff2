import type { StartCheckRunEffect } from "../../core/pipeline/effects.js";
import { renderStartedOutput } from "../../core/report/check-run-output.js";
import { workflowRunUrl } from "../../core/report/links.js";
import type { EffectPerformer } from "../performer-context.js";
import { ensureCheckRun, outputOf } from "./ensure-check-run.js";
import { repoLocation } from "./repo-location.js";
import { requireStageRun } from "./require-stage-run.js";

/**
 * `start_check_run`: the job started, so the check run goes in progress, with
 * the job log as its details link. A run that already ended is left alone:
 * a late retry must never reopen a completed check run.
 */
export const performStartCheckRun: EffectPerformer<StartCheckRunEffect> = async (
  context,
  effect,
) => {
  const run = await requireStageRun(context, effect.runId);
  if (run.completedAt !== null) {
    context.log.info({ runNumber: run.runNumber }, "Run already ended; check run left as it is");
    return;
  }
  const id = await ensureCheckRun(context, run, null);
  const log =
    run.workflowRunId === null ? null : workflowRunUrl(repoLocation(context), run.workflowRunId);
  await context.octokit.request("PATCH /repos/{owner}/{repo}/check-runs/{check_run_id}", {
    owner: context.ref.owner,
    repo: context.ref.repo,
    check_run_id: id,
    status: "in_progress",
    started_at: (run.startedAt ?? new Date()).toISOString(),
    ...(log === null ? {} : { details_url: log }),
    output: outputOf(renderStartedOutput(run.stage, log)),
  });
};
