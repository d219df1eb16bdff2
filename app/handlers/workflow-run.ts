import { z } from "zod";
import type { PipelineEvent } from "../core/pipeline/events.js";
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
  async ({ context, tx, log, lastWritesSent }) => {
    const { repository, workflow_run: run } = parsePayload(schema, context.payload, context.name);
    const stageRunId = Number(RUN_NAME.exec(run.display_title)?.[1]);
    if (run.path !== WORKFLOW_PATH || run.event !== "workflow_dispatch" || !stageRunId) return;
    const stageRun = await findStageRunForWorkflow(tx, stageRunId, repository.id);
    if (!stageRun?.open) return;
    if (stageRun.workflowRunId !== null && stageRun.workflowRunId !== run.id) return; // another run's echo
    if (context.payload.action === "completed" && stageRun.hasResult) {
      return linkWorkflowRun(tx, stageRun.id, run.id); // the result is being written: not lost
    }
    const now = new Date().toISOString();
    const event: PipelineEvent =
      context.payload.action === "in_progress"
        ? { type: "run_started", runId: stageRun.runNumber, now }
        : {
            type: "run_lost",
            runId: stageRun.runNumber,
            reason: `The workflow run ended (${run.conclusion ?? "unknown"}) without sending a result. Job log: ${run.html_url}`,
            timedOut: false,
            now,
          };
    // The link goes out with the event's load (one round trip), the change after it.
    const [, outcome] = await Promise.all([
      linkWorkflowRun(tx, stageRun.id, run.id),
      applyPipelineEvent(tx, stageRun.workItemId, event, context.id, { lastWritesSent }),
    ]);
    if (event.type === "run_started") return;
    log.info({ stageRunId, applied: outcome.applied }, "Workflow run completed without a result");
  },
  { callsGitHub: false },
);
