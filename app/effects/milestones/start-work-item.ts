import type { Sql } from "postgres";
import { type ApplyOutcome, applyPipelineEvent } from "../../pipeline/apply-pipeline-event.js";

/**
 * Starts a fresh work item in a transaction of its own. The key is the item's
 * own, so starting it twice (a retried effect) queues nothing twice, and the
 * pipeline refuses a second start anyway.
 */
export function startWorkItem(sql: Sql, workItemId: number): Promise<ApplyOutcome> {
  const event = { type: "start" as const, now: new Date().toISOString() };
  return sql.begin((tx) => applyPipelineEvent(tx, workItemId, event, `start:${workItemId}`));
}
