import { ZodError } from "zod";
import {
  encodeStageSpec,
  type StageSpec,
  StageSpecTooLargeError,
} from "../../contract/stage-spec.js";
import { storedConfig } from "../config/stored-config.js";
import type { DispatchStageEffect } from "../core/pipeline/effects.js";
import { workBranchName } from "../core/work-branch.js";
import { applyPipelineEvent } from "../pipeline/apply-pipeline-event.js";
import {
  findStageWorkflowRun,
  STAGE_WORKFLOW_FILE,
  STAGE_WORKFLOW_PATH,
} from "../results/stage-workflow.js";
import {
  findRunToDispatch,
  markDispatched,
  OPEN_RUN_STATUSES,
  pinWorkBranch,
  type RunToDispatch,
  recordDispatchIntent,
  recordRunReason,
} from "../store/stage-runs.js";
import {
  buildStageSpec,
  DispatchFailure,
  fetchBranchHead,
  fetchStageTask,
  orFail,
} from "./build-stage-spec.js";
import { RetryLaterError } from "./outbox-worker.js";
import type { EffectPerformer, PerformerContext } from "./performer-context.js";

// GitHub lists a dispatched run within seconds; until this long after a
// dispatch, a run not listed yet is assumed to be coming, not missing.
const LISTING_GRACE_MS = 60_000;
// Our clock and GitHub's may disagree a little about when the dispatch was.
const CLOCK_SLACK_MS = 60_000;

const missingWorkflow = (ref: PerformerContext["ref"]) => (status: number) =>
  status === 404
    ? `${STAGE_WORKFLOW_PATH} was not found on ${ref.defaultBranch}: merge QuantaPilot's onboarding pull request (or restore the file), then /retry`
    : `GitHub refused to dispatch ${STAGE_WORKFLOW_PATH} (${status}): restore QuantaPilot's copy of the file, then /retry`;

/** The workflow run GitHub started for stage run `id` since `since`, if it is listed. */
function findWorkflowRun({ octokit, ref }: PerformerContext, id: number, since: Date) {
  const from = new Date(since.getTime() - CLOCK_SLACK_MS);
  const scan = findStageWorkflowRun(octokit, { owner: ref.owner, repo: ref.repo }, id, from);
  return orFail(scan, [404], missingWorkflow(ref));
}

/**
 * An earlier attempt recorded its dispatch, then failed or crashed: adopt the
 * run it started, or wait for it to be listed, before dispatching again.
 */
async function adoptEarlierDispatch(context: PerformerContext, run: RunToDispatch) {
  if (run.dispatchedAt === null) return false;
  const found = await findWorkflowRun(context, run.id, run.dispatchedAt);
  if (found !== undefined) {
    await markDispatched(context.sql, run.id, found);
    return true;
  }
  const wait = LISTING_GRACE_MS - (run.msSinceDispatch ?? 0);
  if (wait <= 0) return false;
  throw new RetryLaterError(`Stage run ${run.id}'s workflow run is not listed yet`, wait);
}

// What is stored is what is sent: the spec as encoded, long texts already cut.
async function prepareSpec(
  context: PerformerContext,
  effect: DispatchStageEffect,
  run: RunToDispatch,
) {
  const { octokit, ref, sql, app } = context;
  const baseSha = effect.baseSha ?? (await fetchBranchHead(octokit, ref));
  const task = await fetchStageTask(octokit, ref, baseSha);
  const wanted =
    ref.branch ??
    workBranchName(ref.issueNumber ?? (ref.kind === "release" ? "release" : "kickoff"), task.title);
  const branch = await pinWorkBranch(sql, ref.workItemId, wanted);
  const config = storedConfig(run.config);
  const spec = buildStageSpec({
    stageRunId: run.id,
    ref,
    effect,
    config,
    baseSha,
    branch,
    task,
    app,
  });
  return JSON.parse(encodeStageSpec(spec)) as StageSpec;
}

async function dispatch(
  context: PerformerContext,
  effect: DispatchStageEffect,
  run: RunToDispatch,
) {
  const { octokit, ref, sql } = context;
  const spec = (run.spec as StageSpec | null) ?? (await prepareSpec(context, effect, run));
  // Committed before the request, so a crash right after it is seen on retry.
  const stored = await recordDispatchIntent(sql, run.id, spec);
  if (stored === undefined) return;
  const request = octokit.request(
    "POST /repos/{owner}/{repo}/actions/workflows/{workflow_id}/dispatches",
    {
      owner: ref.owner,
      repo: ref.repo,
      workflow_id: STAGE_WORKFLOW_FILE,
      ref: ref.defaultBranch,
      inputs: { spec: encodeStageSpec(stored as StageSpec) },
    },
  );
  await orFail(request, [404, 422], missingWorkflow(ref));
  await markDispatched(sql, run.id, null);
}

/** Why the run can never be dispatched as things stand, or undefined for a passing failure. */
function definitiveReason(error: unknown): string | undefined {
  if (error instanceof DispatchFailure || error instanceof StageSpecTooLargeError) {
    return error.message.replace(/\.$/, "");
  }
  if (error instanceof ZodError) {
    const fields = error.issues.map((issue) => issue.path.join(".") || "(spec)").join(", ");
    return `the stage spec is invalid (${fields})`;
  }
  return undefined;
}

async function loseRun(context: PerformerContext, runNumber: number, id: number, reason: string) {
  const { sql, ref, log } = context;
  const event = { type: "run_lost", runId: runNumber, reason, timedOut: false } as const;
  await sql.begin(async (tx) => {
    const now = new Date().toISOString();
    const outcome = await applyPipelineEvent(
      tx,
      ref.workItemId,
      { ...event, now },
      `dispatch:${id}`,
    );
    if (outcome.applied) await recordRunReason(tx, id, reason);
  });
  log.warn({ stageRunId: id, reason }, "Stage run cannot be dispatched; closed as failed");
}

/**
 * Dispatches a stage run: builds its spec (task, feedback, findings, limits,
 * models, policy, result URL), pins its base commit, stores both, then asks
 * GitHub to run quantapilot.yml on the default branch with the spec. Never
 * starts two workflow runs for one stage run: a retry first looks for the
 * run an earlier attempt started. A dispatch that cannot work (no workflow
 * file, issue gone, spec too large) closes the run as failed, saying why.
 */
export const performDispatchStage: EffectPerformer<DispatchStageEffect> = async (
  context,
  effect,
) => {
  const run = await findRunToDispatch(context.sql, context.ref.workItemId, effect.runId);
  if (run === undefined || !OPEN_RUN_STATUSES.includes(run.status) || run.workflowRunId !== null) {
    context.log.info({ runNumber: effect.runId, status: run?.status }, "Nothing to dispatch");
    return;
  }
  try {
    if (await adoptEarlierDispatch(context, run)) return;
    await dispatch(context, effect, run);
  } catch (error) {
    const reason = definitiveReason(error);
    if (reason === undefined) throw error;
    await loseRun(context, effect.runId, run.id, reason);
  }
};
