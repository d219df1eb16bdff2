import type { StageName } from "../../../contract/config.js";
import type { WorkItemKind, WorkItemState } from "../pipeline/state.js";
import type { DashboardTick } from "./dashboard-ticks.js";
import type { RepoLocation } from "./links.js";

/** One work item as the dashboard lists it. */
export interface DashboardItem {
  id: number;
  kind: WorkItemKind;
  title: string;
  stage: StageName;
  state: WorkItemState;
  held: boolean;
  iteration: number;
  /** The PR when there is one, else the issue: where people go to act. */
  number: number | null;
  headSha: string | null;
  approvedSha: string | null;
  lastRunNumber: number;
  spentUsd: number;
  /** The newest run that has a check run: its stage and id. */
  checkRun: { stage: StageName; id: number } | null;
}

/** One accepted decision from the log, newest first. */
export interface DashboardDecision {
  actor: string;
  command: string;
  args: string;
  sha: string | null;
  source: string;
  at: string;
  url: string | null;
  /** The work item's PR or issue number. */
  number: number | null;
}

/** Everything the dashboard shows, read in one go. */
export interface DashboardView {
  at: RepoLocation;
  /** The stricter of the operator's cap and the config's project budget. */
  budgetUsd: number;
  spentUsd: number;
  /** Open items first, then a few recently finished ones. */
  items: readonly DashboardItem[];
  decisions: readonly DashboardDecision[];
}

/** A box on the dashboard: the tick it stands for, on which item. */
export interface PendingBox {
  tick: DashboardTick;
  item: DashboardItem;
}

/**
 * What waits for a person, as boxes: an unapproved head at a gate can be
 * approved; an item handed to a person can be retried. Held items are not
 * retried (the core refuses it until /hold cancel), but may be approved.
 */
export function pendingBoxes(items: readonly DashboardItem[]): PendingBox[] {
  return items.flatMap((item): PendingBox[] => {
    const { headSha } = item;
    if (item.state === "awaiting_approval" && headSha !== null && item.approvedSha !== headSha) {
      return [{ tick: { action: "approve", workItemId: item.id, sha: headSha }, item }];
    }
    if (item.state === "waiting_for_human" && !item.held && item.lastRunNumber > 0) {
      const tick = { action: "retry", workItemId: item.id, runNumber: item.lastRunNumber } as const;
      return [{ tick, item }];
    }
    return [];
  });
}
