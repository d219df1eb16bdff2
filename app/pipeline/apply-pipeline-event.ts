import type { TransactionSql } from "postgres";
import type { PipelineEvent } from "../core/pipeline/events.js";
import { transition } from "../core/pipeline/transition.js";
import { dashboardRedrawDelayMs } from "../core/report/dashboard-redraw-delay.js";
import { queueDashboardUpdate } from "../store/dashboard-updates.js";
import { enqueueEffects } from "../store/outbox.js";
import {
  type LoadedPipeline,
  loadPipeline,
  savePipeline,
  toOutboxEffects,
} from "../store/pipeline-store.js";

export type ApplyOutcome = { applied: true; effects: number } | { applied: false; reason: string };

export interface ApplyOptions {
  /** Statements of the caller's that go with an applied change, sent in its round trip. */
  alongside?: (workItemId: number) => Promise<unknown>;
  /**
   * The handler's `lastWritesSent`, when an applied change is the last thing
   * it writes: called once its statements are sent, before their answers.
   */
  lastWritesSent?: () => void;
}

/**
 * One event on one work item, in the caller's transaction: load and lock the
 * state (unless the caller did: a fresh item, or one it loaded), decide with
 * the pure core, store the new state and queue its effects. All of it
 * commits with the delivery (or result) that caused it. `eventKey` names that
 * cause (a delivery id, a result), for idempotent effects.
 */
export async function applyPipelineEvent(
  tx: TransactionSql,
  workItem: number | LoadedPipeline,
  event: PipelineEvent,
  eventKey: string,
  { alongside, lastWritesSent }: ApplyOptions = {},
): Promise<ApplyOutcome> {
  const loaded = typeof workItem === "number" ? await loadPipeline(tx, workItem) : workItem;
  if (!loaded) return { applied: false, reason: `work item ${workItem} does not exist` };
  const { workItemId } = loaded.ref;
  const next = transition(loaded.state, event);
  if (next.rejected !== undefined) return { applied: false, reason: next.rejected };
  // The dashboard is the project's, not the item's: its updates are coalesced per project,
  // and wait for the rest of the burst, so transitions close together share one edit.
  const itemEffects = next.effects.filter((effect) => effect.type !== "update_dashboard");
  const dashboard = itemEffects.length < next.effects.length;
  // Issued together: one round trip, run in this order (the state, then what it causes).
  const written = Promise.all([
    savePipeline(tx, loaded, next.state, event),
    enqueueEffects(tx, toOutboxEffects(loaded.ref, itemEffects, eventKey)),
    dashboard &&
      queueDashboardUpdate(tx, { projectId: loaded.projectId }, `${workItemId}:${eventKey}`, {
        delayMs: dashboardRedrawDelayMs("pipeline"),
        force: false,
      }),
    alongside?.(workItemId),
  ]);
  lastWritesSent?.();
  await written;
  return { applied: true, effects: next.effects.length };
}
