import type { StartNextMilestoneEffect } from "../../core/pipeline/effects.js";
import { listMilestoneItems, parentOf } from "../../store/milestones.js";
import type { PerformerContext } from "../performer-context.js";
import { startWorkItem } from "./start-work-item.js";

/**
 * `start_next_milestone`, when a milestone merged: the first later milestone
 * that is not finished starts, if it has not started already. Milestones run
 * one at a time, in plan order.
 */
export async function performStartNextMilestone(
  context: PerformerContext,
  effect: StartNextMilestoneEffect,
): Promise<void> {
  const { sql, ref, log } = context;
  const kickoffId = await parentOf(sql, ref.workItemId);
  if (kickoffId === null) return log.warn("Not a milestone: nothing to start after it");
  const items = await listMilestoneItems(sql, kickoffId);
  const next = items.find(
    (item) => item.index > effect.after && !["done", "cancelled", "failed"].includes(item.state),
  );
  if (next === undefined || !next.fresh)
    return log.info({ next: next?.index }, "No milestone to start");
  const outcome = await startWorkItem(sql, next.id);
  log.info({ milestone: next.index, outcome }, "Next milestone");
}
