import type { CheckConclusion, CompleteCheckRunEffect } from "../../core/pipeline/effects.js";
import { chooseCheckRunActions } from "../../core/report/check-run-actions.js";
import { toAnnotations } from "../../core/report/check-run-annotations.js";
import { type CheckRunReport, renderCompletedOutput } from "../../core/report/check-run-output.js";
import { summariseUsage } from "../../core/report/summarise-usage.js";
import type { StageRunRecord } from "../../store/check-runs.js";
import type { EffectPerformer, PerformerContext } from "../performer-context.js";
import { appendAnnotations, type CheckRunPatch } from "./append-annotations.js";
import { ensureCheckRun, outputOf } from "./ensure-check-run.js";
import { readStageResult } from "./read-stage-result.js";
import { requireStageRun } from "./require-stage-run.js";

function reportOf(run: StageRunRecord, effect: CompleteCheckRunEffect, now: Date): CheckRunReport {
  const result = readStageResult(run.result);
  // The intake may not have charged the run record yet; the result's own usage is the next best.
  const usdSpent =
    run.usdSpent > 0 || result === null ? run.usdSpent : summariseUsage(result.usage).usd;
  const end = run.completedAt ?? now;
  return {
    stage: run.stage,
    runNumber: run.runNumber,
    iteration: run.iteration,
    conclusion: effect.conclusion,
    headline: effect.summary,
    result,
    usdSpent,
    usdCap: run.usdCap,
    durationMs: run.startedAt === null ? null : end.getTime() - run.startedAt.getTime(),
  };
}

function buttonsFor(run: StageRunRecord, conclusion: CheckConclusion) {
  return chooseCheckRunActions({
    conclusion,
    itemState: run.itemState,
    latestRun: run.lastRunNumber === run.runNumber,
    approved: run.approvedSha !== null && run.approvedSha === run.itemHeadSha,
  });
}

// How many annotations the check run already holds when an earlier attempt completed it.
async function alreadyCompleted(
  context: PerformerContext,
  checkRunId: number,
  conclusion: CheckConclusion,
): Promise<number | null> {
  const { data } = await context.octokit.request(
    "GET /repos/{owner}/{repo}/check-runs/{check_run_id}",
    { owner: context.ref.owner, repo: context.ref.repo, check_run_id: checkRunId },
  );
  const done = data.status === "completed" && data.conclusion === conclusion;
  return done ? data.output.annotations_count : null;
}

/**
 * `complete_check_run`: the effect's conclusion (never upgraded), a summary
 * read in ten seconds, the details, *Approve* / *Retry* where they apply, and
 * the result's located findings as annotations, 50 per request, by the
 * recorded id with no read first. A retry reads it back: completed already,
 * it sends only the annotations still missing.
 */
export const performCompleteCheckRun: EffectPerformer<CompleteCheckRunEffect> = async (
  context,
  effect,
) => {
  const run = await requireStageRun(context, effect.runId);
  const checkRunId = await ensureCheckRun(context, run, null);
  const now = new Date();
  const report = reportOf(run, effect, now);
  const output = outputOf(renderCompletedOutput(report));
  const annotations = toAnnotations(report.result);
  const patch: CheckRunPatch = { context, checkRunId, output };
  const sent =
    context.retried === false
      ? null
      : await alreadyCompleted(context, checkRunId, effect.conclusion);
  if (sent !== null) return appendAnnotations(patch, annotations.slice(sent));
  await appendAnnotations(patch, annotations, {
    status: "completed",
    conclusion: effect.conclusion,
    completed_at: (run.completedAt ?? now).toISOString(),
    actions: buttonsFor(run, effect.conclusion),
  });
};
