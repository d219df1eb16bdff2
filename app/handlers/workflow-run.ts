import { z } from "zod";
import { parsePayload } from "../ingest/payload-error.js";
import { applyPipelineEvent } from "../pipeline/apply-pipeline-event.js";
import { findStageRunForWorkflow, linkWorkflowRun } from "../store/workflow-runs.js";
import { defineHandler } from "./define-handler.js";

const WORKFLOW_PATH = ".github/workflows/quantapilot.yml";
const RUN_NAME = /^QuantaPilot stage run (\d{1,15})$/;

const schema = z.object({
  installation: z.object({ id: z.number().int().positive() }),
  repository: z.object({ id: z.number().int().positive() }),
  workflow_run: z.object({
    id: z.number().int().positive(),
    // Older GitHub Enterprise Server payloads lack these: such runs are not ours to judge.
    path: z.string().default(""),
    event: z.string(),
    display_title: z.string().default(""),
    conclusion: z.string().nullable().default(null),
    html_url: z.string().default(""),
  }),
});

/**
 * The stage workflow's life: `in_progress` marks the stage run started (its
 * check run goes in progress); `completed` is the safety net that closes a run
 * which never sent a result, with the reason and a link to the job log. Only
 * dispatches of our workflow file count; a run name alone proves nothing.
 */
export const workflowRunChanged = defineHandler(
  ["workflow_run.in_progress", "workflow_run.completed"],
  async ({ context, tx, log }) => {
    const { repository, workflow_run: run } = parsePayload(schema, context.payload, context.name);
    const stageRunId = Number(RUN_NAME.exec(run.display_title)?.[1]);
    if (run.path !== WORKFLOW_PATH || run.event !== "workflow_dispatch" || !stageRunId) return;
    const stageRun = await findStageRunForWorkflow(tx, stageRunId, repository.id);
    if (!stageRun?.open) return;
    if (stageRun.workflowRunId !== null && stageRun.workflowRunId !== run.id) return; // another run's echo
    await linkWorkflowRun(tx, stageRun.id, run.id);
    const now = new Date().toISOString();
    if (context.payload.action === "in_progress") {
      await applyPipelineEvent(
        tx,
        stageRun.workItemId,
        { type: "run_started", runId: stageRun.runNumber, now },
        context.id,
      );
      return;
    }
    if (stageRun.hasResult) return; // the result arrived and is being written: not lost
    const reason = `The workflow run ended (${run.conclusion ?? "unknown"}) without sending a result. Job log: ${run.html_url}`;
    const outcome = await applyPipelineEvent(
      tx,
      stageRun.workItemId,
      { type: "run_lost", runId: stageRun.runNumber, reason, timedOut: false, now },
      context.id,
    );
    log.info({ stageRunId, applied: outcome.applied }, "Workflow run completed without a result");
  },
);
