import { addUsd } from "../budget.js";
import type { PipelineState, ProjectState } from "./state.js";

/**
 * The project as a transition of another of its work items sees it once
 * this one's transition led to `after`: the item's open run (if any) now
 * counts among the others' reservations. The store's trigger keeps
 * `projects.reserved_usd` to the same sum, so deciding on this equals
 * deciding on the row read again.
 */
export function projectForOtherItems(after: PipelineState): ProjectState {
  const ownCap = after.item.openRun?.usdCap ?? 0;
  return { ...after.project, reservedUsd: addUsd(after.project.reservedUsd, ownCap) };
}
