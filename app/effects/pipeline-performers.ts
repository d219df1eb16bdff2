import type { Sql } from "postgres";
import type { Probot } from "probot";
import type { Effect, EffectType } from "../core/pipeline/effects.js";
import { applyPipelineEvent } from "../pipeline/apply-pipeline-event.js";
import type { ClaimedEffect } from "../store/outbox.js";
import { readWorkItemRef } from "../store/work-item-ref.js";
import { performCancelWorkflowRun } from "./cancel-workflow-run.js";
import { performCompleteCheckRun } from "./check-runs/complete-check-run.js";
import { performCreateCheckRun } from "./check-runs/create-check-run.js";
import { performStartCheckRun } from "./check-runs/start-check-run.js";
import { performNotifyBudgetExhausted } from "./comments/notify-budget-exhausted.js";
import { performReply } from "./comments/reply.js";
import { performUpdateStatusComment } from "./comments/update-status-comment.js";
import { performDispatchStage } from "./dispatch-stage.js";
import { mergeOutcomeEvent } from "./merge-outcome.js";
import { createMergePrPerformer } from "./merge-pr.js";
import { performCreateMilestoneIssues } from "./milestones/create-milestone-issues.js";
import { performPublishRelease } from "./milestones/publish-release.js";
import { performStartNextMilestone } from "./milestones/start-next-milestone.js";
import { performStartRelease } from "./milestones/start-release.js";
import type { Performer } from "./outbox-worker.js";
import type { AppIdentity, PerformerContext } from "./performer-context.js";
import { performWriteResult } from "./write-result.js";

// Each performer takes its own effect type; the row's `type` picked it, so the table erases it.
type AnyPerformer = (
  context: PerformerContext,
  effect: never,
  origin: ClaimedEffect,
) => Promise<void>;

/** A merge's outcome goes back into the pipeline, in its own transaction. */
const mergePr = createMergePrPerformer(async (context, outcome) => {
  const event = mergeOutcomeEvent(outcome, new Date().toISOString());
  const key = `merge:${context.ref.workItemId}:${outcome.expectedHeadSha}`;
  await context.sql.begin((tx) => applyPipelineEvent(tx, context.ref.workItemId, event, key));
});

const byType: Partial<Record<EffectType | "write_result", AnyPerformer>> = {
  dispatch_stage: performDispatchStage as AnyPerformer,
  write_result: performWriteResult as AnyPerformer,
  create_check_run: performCreateCheckRun as AnyPerformer,
  start_check_run: performStartCheckRun as AnyPerformer,
  complete_check_run: performCompleteCheckRun as AnyPerformer,
  cancel_workflow_run: performCancelWorkflowRun as AnyPerformer,
  merge_pr: mergePr as AnyPerformer,
  update_status_comment: performUpdateStatusComment as AnyPerformer,
  reply: performReply as AnyPerformer,
  notify_budget_exhausted: performNotifyBudgetExhausted as AnyPerformer,
  create_milestone_issues: performCreateMilestoneIssues as AnyPerformer,
  start_next_milestone: performStartNextMilestone as AnyPerformer,
  start_release: performStartRelease as AnyPerformer,
  publish_release: performPublishRelease as AnyPerformer,
};

/**
 * The outbox performers of pipeline effects: each row names its work item;
 * the performer gets the item's place on GitHub and the installation's token.
 */
export function createPipelinePerformers(
  probot: Probot,
  sql: Sql,
  app: AppIdentity,
): Record<string, Performer> {
  return Object.fromEntries(
    Object.entries(byType).map(([type, perform]) => [
      type,
      async (claimed: ClaimedEffect, log) => {
        const { workItemId, effect } = claimed.payload as unknown as {
          workItemId: number;
          effect: Effect;
        };
        const ref = await readWorkItemRef(sql, workItemId);
        if (!ref) throw new Error(`Work item ${workItemId} no longer exists`);
        const octokit = await probot.auth(claimed.installationId);
        // An attempt whose worker died after it started counts too; one that died unstarted does not.
        const retried = claimed.attempts > 1;
        await perform?.({ octokit, sql, log, ref, app, retried }, effect as never, claimed);
      },
    ]),
  );
}
