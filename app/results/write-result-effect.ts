import type { StageResult } from "../../contract/stage-result.js";
import type { OutboxEffect } from "../store/outbox.js";

/**
 * Write a stored, validated stage result to GitHub: its commit, the PR, the
 * review; then tell the pipeline. Not a pipeline effect: the result intake
 * queues it, keyed by the stage run, so a result is written at most once.
 */
export interface WriteResultEffect {
  type: "write_result";
  /** `stage_runs.id`, where the result is stored. */
  stageRunId: number;
}

/** Whether a result has anything to write to GitHub: files, or a review to post. */
export function needsWriting(result: StageResult): boolean {
  return result.changes.length > 0 || result.review !== undefined;
}

/**
 * The outbox row of a write_result, shaped like the pipeline's own
 * (`{ workItemId, effect }`), so one performer adapter serves both.
 */
export function writeResultOutboxEffect(run: {
  id: number;
  workItemId: number;
  installationId: number;
}): OutboxEffect {
  const effect: WriteResultEffect = { type: "write_result", stageRunId: run.id };
  return {
    idempotencyKey: `result:${run.id}`,
    kind: effect.type,
    installationId: run.installationId,
    payload: { workItemId: run.workItemId, effect: { ...effect } },
  };
}
