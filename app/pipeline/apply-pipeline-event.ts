import type { TransactionSql } from "postgres";
import type { PipelineEvent } from "../core/pipeline/events.js";
import { transition } from "../core/pipeline/transition.js";
import { dashboardRedrawDelayMs } from "../core/report/dashboard-redraw-delay.js";
import { queueDashboardUpdate } from "../store/dashboard-updates.js";
import { enqueueEffects } from "../store/outbox.js";
import { loadPipeline, savePipeline, toOutboxEffects } from "../store/pipeline-store.js";

export type ApplyOutcome = { applied: true; effects: number } | { applied: false; reason: string };

/**
 * One event on one work item, in the caller's transaction: load and lock the
 * state, decide with the pure core, store the new state and queue its
 * effects. All of it commits with the delivery (or result) that caused it.
 * `eventKey` names that cause (a delivery id, a result), for idempotent effects.
 */
export async function applyPipelineEvent(
  tx: TransactionSql,
  workItemId: number,
  event: PipelineEvent,
  eventKey: string,
): Promise<ApplyOutcome> {
  const loaded = await loadPipeline(tx, workItemId);
  if (!loaded) return { applied: false, reason: `work item ${workItemId} does not exist` };
  const next = transition(loaded.state, event);
  if (next.rejected !== undefined) return { applied: false, reason: next.rejected };
  // The dashboard is the project's, not the item's: its updates are coalesced per project,
  // and wait for the rest of the burst, so transitions close together share one edit.
  const itemEffects = next.effects.filter((effect) => effect.type !== "update_dashboard");
  const dashboard = itemEffects.length < next.effects.length;
  // Issued together: one round trip, run in this order (the state, then what it causes).
  await Promise.all([
    savePipeline(tx, loaded.state, next.state, event),
    enqueueEffects(tx, toOutboxEffects(loaded.ref, itemEffects, eventKey)),
    dashboard &&
      queueDashboardUpdate(tx, { workItemId }, `${workItemId}:${eventKey}`, {
        delayMs: dashboardRedrawDelayMs("pipeline"),
        force: false,
      }),
  ]);
  return { applied: true, effects: next.effects.length };
}
