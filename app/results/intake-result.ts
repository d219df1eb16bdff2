import type { Sql, TransactionSql } from "postgres";
import type { StageResult } from "../../contract/stage-result.js";
import { storedConfig } from "../config/stored-config.js";
import type { PipelineEvent } from "../core/pipeline/events.js";
import { applyPipelineEvent } from "../pipeline/apply-pipeline-event.js";
import { enqueueEffects } from "../store/outbox.js";
import {
  bindWorkflowRun,
  findRunForResult,
  OPEN_RUN_STATUSES,
  type RunForResult,
  recordRunReason,
} from "../store/stage-runs.js";
import type { Answer } from "./answer.js";
import { checkResult, summariseRefusals } from "./check-result.js";
import { regateResult } from "./regate-result.js";
import { resultAcceptedEvent, resultRefusedEvent } from "./result-events.js";
import { redactResultSecrets } from "./result-secrets.js";
import { saveResult } from "./save-result.js";
import { needsWriting, writeResultOutboxEffect } from "./write-result-effect.js";

/** Thrown inside the intake's transaction to roll it back and answer instead. */
class Refusal extends Error {
  constructor(readonly answer: Answer) {
    super(String(answer.body.error));
  }
}

const conflict = (error: string): Answer => ({ status: 409, body: { error } });

/** Why `run` takes no result (409), or undefined when it is open and has none. */
export function describeClosedRun(run: RunForResult): Answer | undefined {
  if (run.hasResult) {
    return conflict(`Stage run ${run.id} already has a result; a run reports once.`);
  }
  if (OPEN_RUN_STATUSES.includes(run.status)) return undefined;
  const why = run.reason === null ? "" : `: ${run.reason}`;
  return conflict(`Stage run ${run.id} is ${run.status}${why}; it takes no more results.`);
}

async function apply(tx: TransactionSql, run: RunForResult, event: PipelineEvent) {
  const outcome = await applyPipelineEvent(tx, run.workItemId, event, `result:${run.id}`);
  if (!outcome.applied)
    throw new Refusal(conflict(`The pipeline refused the result: ${outcome.reason}.`));
}

async function refuse(
  tx: TransactionSql,
  run: RunForResult,
  result: StageResult,
  reasons: string[],
  now: string,
) {
  const summary = summariseRefusals(reasons);
  await apply(tx, run, resultRefusedEvent(run.runNumber, result, summary, now));
  await recordRunReason(tx, run.id, summary);
  // The first hundred say enough; a hostile result could otherwise make the answer huge.
  const shown = reasons.slice(0, 100);
  return { status: 422, body: { status: "refused", stage_run_id: run.id, reasons: shown } };
}

async function decide(
  tx: TransactionSql,
  id: number,
  result: StageResult,
  workflowRunId: number,
  now: string,
): Promise<Answer> {
  const run = await findRunForResult(tx, id, { lock: true });
  if (run === undefined) return { status: 404, body: { error: `No stage run ${id}.` } };
  const closed = describeClosedRun(run);
  if (closed !== undefined) return closed;
  if (run.workflowRunId === null && !(await bindWorkflowRun(tx, id, workflowRunId))) {
    return conflict(`Workflow run ${workflowRunId} already reported for another stage run.`);
  }
  const config = storedConfig(run.config);
  const reasons = checkResult(result, config);
  // The app's own gate verdict is what gets stored, shown and acted on.
  const regated = regateResult(result, config.quality);
  await saveResult(tx, id, redactResultSecrets(regated));
  if (reasons.length > 0) return refuse(tx, run, result, reasons, now);
  const writing = needsWriting(result);
  if (writing) await enqueueEffects(tx, [writeResultOutboxEffect(run)]);
  else await apply(tx, run, resultAcceptedEvent(run.runNumber, regated, undefined, now));
  return { status: 202, body: { status: "accepted", stage_run_id: id, writing } };
}

/**
 * Takes a verified, parsed result for stage run `id` in one transaction:
 * the run is locked, must be open and without a result, and is bound to
 * the workflow run the token came from. The result is stored (secrets
 * masked), then checked: a refusal closes the run through the pipeline
 * (422); a result to write queues a write_result (202); one with nothing to
 * write is accepted at once (202). Nothing here writes to GitHub.
 */
export async function intakeResult(
  sql: Sql,
  id: number,
  result: StageResult,
  workflowRunId: number,
  now: string,
): Promise<Answer> {
  try {
    return await sql.begin((tx) => decide(tx, id, result, workflowRunId, now));
  } catch (error) {
    if (error instanceof Refusal) return error.answer;
    throw error;
  }
}
