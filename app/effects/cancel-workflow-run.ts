import { httpStatus } from "../auth/http-status.js";
import type { CancelWorkflowRunEffect } from "../core/pipeline/effects.js";
import { requireStageRun } from "./check-runs/require-stage-run.js";
import type { EffectPerformer } from "./performer-context.js";

/**
 * `cancel_workflow_run`: stops the stage run's Actions job so it spends no
 * more. A run not yet linked to a workflow run has nothing to cancel (a
 * result it sends later is refused, since the stage run is closed); one that
 * already finished (409) or is gone (404) is fine as it is.
 */
export const performCancelWorkflowRun: EffectPerformer<CancelWorkflowRunEffect> = async (
  context,
  effect,
) => {
  const { ref, log } = context;
  const run = await requireStageRun(context, effect.runId);
  if (run.workflowRunId === null) {
    return log.info({ runNumber: run.runNumber }, "No workflow run known yet; nothing to cancel");
  }
  try {
    await context.octokit.request("POST /repos/{owner}/{repo}/actions/runs/{run_id}/cancel", {
      owner: ref.owner,
      repo: ref.repo,
      run_id: run.workflowRunId,
    });
  } catch (error) {
    const status = httpStatus(error);
    if (status !== 409 && status !== 404) throw error;
    log.info({ status, workflowRunId: run.workflowRunId }, "Workflow run already finished");
  }
};
