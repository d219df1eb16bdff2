import { findStageRun, type StageRunRecord } from "../../store/check-runs.js";
import type { PerformerContext } from "../performer-context.js";

/**
 * The stage run an effect names. It is written in the transaction that queued
 * the effect, so a missing one is a bug, not a race: the error says which.
 */
export async function requireStageRun(
  context: Pick<PerformerContext, "sql" | "ref">,
  runNumber: number,
): Promise<StageRunRecord> {
  const run = await findStageRun(context.sql, context.ref.workItemId, runNumber);
  if (run === undefined) {
    throw new Error(
      `Stage run ${runNumber} of work item ${context.ref.workItemId} does not exist; the effect cannot be performed.`,
    );
  }
  return run;
}
