import { type StageResult, stageResultSchema } from "../../contract/stage-result.js";
import type { ResultAcceptedEvent, ResultRefusedEvent } from "../core/pipeline/events.js";
import { commitChanges } from "../github/commit-changes.js";
import { applyPipelineEvent } from "../pipeline/apply-pipeline-event.js";
import { postReview } from "../results/post-review.js";
import { resultAcceptedEvent, resultRefusedEvent } from "../results/result-events.js";
import { type PullRequestRef, upsertPullRequest } from "../results/upsert-pull-request.js";
import type { WriteResultEffect } from "../results/write-result-effect.js";
import {
  findRunToWrite,
  OPEN_RUN_STATUSES,
  type RunToWrite,
  recordPullRequest,
  recordRunHead,
  recordRunReason,
} from "../store/stage-runs.js";
import type { PerformerContext } from "./performer-context.js";

type Written = { ok: true; headSha: string | null } | { ok: false; reason: string };
type PinnedSpec = { work_branch: string; base_sha: string };

/** One commit of the result's files on the work branch, from the run's pinned base. */
async function commitResult(
  context: PerformerContext,
  run: RunToWrite,
  spec: PinnedSpec,
  result: StageResult,
): Promise<Written> {
  if (result.changes.length === 0) return { ok: true, headSha: context.ref.headSha };
  const outcome = await commitChanges(context.octokit, {
    owner: context.ref.owner,
    repo: context.ref.repo,
    branch: spec.work_branch,
    baseSha: run.baseSha ?? spec.base_sha,
    changes: result.changes,
    message: result.commit_message,
    stageRunId: run.id,
  });
  if (outcome.ok) return { ok: true, headSha: outcome.sha };
  const paths = outcome.conflicts.map((path) => JSON.stringify(path)).join(", ");
  return { ok: false, reason: `${outcome.reason.replace(/\.$/, "")} (${paths})` };
}

/** Tells the pipeline, and records what was written, in one transaction. */
async function finish(
  context: PerformerContext,
  run: RunToWrite,
  event: ResultAcceptedEvent | ResultRefusedEvent,
  pr: PullRequestRef | undefined,
): Promise<void> {
  const { sql, ref, log } = context;
  await sql.begin(async (tx) => {
    const outcome = await applyPipelineEvent(tx, ref.workItemId, event, `result:${run.id}`);
    if (pr !== undefined) await recordPullRequest(tx, ref.workItemId, pr.number);
    if (!outcome.applied) {
      log.warn({ stageRunId: run.id, reason: outcome.reason }, "The pipeline ignored the result");
      return;
    }
    if (event.type === "result_refused") await recordRunReason(tx, run.id, event.reason);
    else if (event.headSha !== undefined) await recordRunHead(tx, run.id, event.headSha);
  });
}

/** The PR opened or updated and the review posted; none while the branch has no commit. */
async function publish(
  context: PerformerContext,
  run: RunToWrite,
  branch: string,
  result: StageResult,
  head: string | null,
): Promise<PullRequestRef | undefined> {
  if (head === null) return undefined;
  const pr = await upsertPullRequest(context.octokit, context.ref, branch, result);
  if (result.review !== undefined && pr !== undefined) {
    const target = { pr: pr.number, commitId: head, stageRunId: run.id };
    await postReview(context.octokit, context.ref, target, result.review);
  }
  return pr;
}

/**
 * Writes a stored stage result with the App's token: one commit on the work
 * branch (a moved branch is rebased when clean; a conflict refuses the
 * result, naming the paths), the PR opened or updated, the review posted;
 * then the pipeline hears `result_accepted` with the new head. Every step
 * recognises its own earlier work, so a retry after a crash does nothing twice.
 */
export async function performWriteResult(
  context: PerformerContext,
  effect: WriteResultEffect,
): Promise<void> {
  const run = await findRunToWrite(context.sql, effect.stageRunId);
  if (run === undefined || !OPEN_RUN_STATUSES.includes(run.status) || run.result === null) {
    context.log.info({ stageRunId: effect.stageRunId }, "Nothing to write: the run is closed");
    return;
  }
  const result = stageResultSchema.parse(run.result);
  const spec = run.spec as PinnedSpec;
  const now = () => new Date().toISOString();
  const written = await commitResult(context, run, spec, result);
  if (!written.ok) {
    const event = resultRefusedEvent(run.runNumber, result, written.reason, now());
    return finish(context, run, event, undefined);
  }
  const pr = await publish(context, run, spec.work_branch, result, written.headSha);
  const headSha = result.changes.length > 0 ? (written.headSha ?? undefined) : undefined;
  await finish(context, run, resultAcceptedEvent(run.runNumber, result, headSha, now()), pr);
}
