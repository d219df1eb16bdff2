import type { TransactionSql } from "postgres";
import type { PipelineEvent } from "../core/pipeline/events.js";
import type { PipelineState } from "../core/pipeline/state.js";
import { transition } from "../core/pipeline/transition.js";
import { dashboardRedrawDelayMs } from "../core/report/dashboard-redraw-delay.js";
import { dashboardUpdateWrites } from "../store/dashboard-updates.js";
import { effectsWrite } from "../store/outbox.js";
import {
  type LoadedPipeline,
  loadPipeline,
  pipelineWrites,
  savePipeline,
  toOutboxEffects,
} from "../store/pipeline-store.js";
import type { StatementPart } from "../store/write-together.js";

export type ApplyOutcome = { applied: true; effects: number } | { applied: false; reason: string };

export interface ApplyOptions {
  /** A statement of the caller's that goes with an applied change, sent as part of its writes. */
  alongside?: (workItemId: number) => StatementPart;
  /**
   * The handler's `lastWritesSent`, when an applied change is the last thing
   * it writes: called once its statements are sent, before their answers.
   */
  lastWritesSent?: () => void;
  /** Called with the state an applied change leads to, before its writes are sent. */
  decided?: (after: PipelineState) => void;
  /**
   * Takes an applied change's writes instead of sending them (`Handoff.defer`),
   * when they fit in one statement; returns false to have them sent now.
   */
  defer?: (parts: readonly StatementPart[]) => boolean;
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
  { alongside, lastWritesSent, decided, defer }: ApplyOptions = {},
): Promise<ApplyOutcome> {
  const loaded = typeof workItem === "number" ? await loadPipeline(tx, workItem) : workItem;
  if (!loaded) return { applied: false, reason: `work item ${workItem} does not exist` };
  const { workItemId } = loaded.ref;
  const next = transition(loaded.state, event);
  if (next.rejected !== undefined) return { applied: false, reason: next.rejected };
  decided?.(next.state);
  // The dashboard is the project's, not the item's: its updates are coalesced per project,
  // and wait for the rest of the burst, so transitions close together share one edit.
  const itemEffects = next.effects.filter((effect) => effect.type !== "update_dashboard");
  const dashboard = itemEffects.length < next.effects.length;
  // One statement (two when a run closes as the next opens): the state and what it causes.
  // Its parts run in no set order (PostgreSQL 15 runs them last to first): listed so, the
  // effects get the lower ids, though the worker takes the dashboard's later in any case.
  const writes = pipelineWrites(tx, loaded, next.state, event);
  const others = [
    ...(dashboard
      ? dashboardUpdateWrites(tx, { projectId: loaded.projectId }, `${workItemId}:${eventKey}`, {
          delayMs: dashboardRedrawDelayMs("pipeline"),
          force: false,
        })
      : []),
    effectsWrite(tx, toOutboxEffects(loaded.ref, itemEffects, eventKey)),
    alongside?.(workItemId),
  ].filter((each) => each !== undefined);
  const applied = { applied: true, effects: next.effects.length } as const;
  if (!writes.closeFirst && defer?.([...writes.parts, ...others])) {
    lastWritesSent?.();
    return applied;
  }
  const written = savePipeline(tx, writes, others);
  lastWritesSent?.();
  await written;
  return applied;
}
