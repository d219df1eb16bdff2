import type { Command } from "../commands/command.js";
import type { DashboardTick } from "./dashboard-ticks.js";

/**
 * The command a ticked box stands for, so it goes through the same policy,
 * pipeline and decision log as typing it: Approve is `/approve <sha>` at the
 * head the box was drawn for (a moved head refuses it), Retry is `/retry`.
 */
export function tickCommand(tick: DashboardTick): Command {
  if (tick.action === "approve") {
    return { name: "approve", cancel: false, sha: tick.sha, line: 0, text: tick.sha };
  }
  return { name: "retry", line: 0, text: "" };
}

/**
 * Why a Retry box is void: drawn when run `tick.runNumber` was the latest,
 * and another has started since. Null when it still stands. (An Approve box
 * needs no such check: its SHA is checked against the head like `/approve <sha>`.)
 */
export function staleTick(tick: DashboardTick, lastRunNumber: number): string | null {
  if (tick.action !== "retry" || tick.runNumber === lastRunNumber) return null;
  return (
    `that Retry box was drawn after run ${tick.runNumber}, and run ${lastRunNumber} has started since: ` +
    "nothing was retried. Look at the refreshed dashboard and tick again if you still want a retry."
  );
}
