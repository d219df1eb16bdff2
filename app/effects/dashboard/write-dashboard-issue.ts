import { httpStatus } from "../../auth/http-status.js";
import { DASHBOARD_TITLE } from "../../core/report/dashboard.js";
import { claimDashboardIssue, recordedDashboardIssue } from "../../store/dashboard.js";
import type { DashboardContext } from "./dashboard-context.js";
import { findDashboardIssue } from "./find-dashboard-issue.js";
import { pinIssue, unpinIssue } from "./pin-issue.js";

/** Edits issue `number`; false when it is gone (deleted: 410, transferred or hidden: 404). */
async function editIssue(context: DashboardContext, number: number, body: string) {
  try {
    await context.octokit.request("PATCH /repos/{owner}/{repo}/issues/{issue_number}", {
      owner: context.owner,
      repo: context.repo,
      issue_number: number,
      body,
    });
    return true;
  } catch (error) {
    const status = httpStatus(error);
    if (status === 404 || status === 410) return false;
    throw error;
  }
}

// Two workers may both create one; the one whose number was not recorded closes its own.
// Pinned before it is recorded: a recorded dashboard is only edited from then on, so a pin that
// failed (a 5xx, a rate limit; or a crash) after recording would be lost for good; unrecorded,
// the next attempt finds the issue by its marker and pins it then. A worker that already sees
// another's dashboard recorded leaves its own duplicate unpinned; one that pinned it before
// the other recorded unpins it.
async function createIssue(context: DashboardContext, body: string, stored: number | null) {
  const { octokit, owner, repo, sql, projectId } = context;
  const { data } = await octokit.request("POST /repos/{owner}/{repo}/issues", {
    owner,
    repo,
    title: DASHBOARD_TITLE,
    body,
  });
  const pinned = (await recordedDashboardIssue(sql, projectId)) === stored;
  if (pinned) await pinIssue(context, data.node_id);
  const winner = await claimDashboardIssue(sql, projectId, data.number, stored);
  if (winner === null || winner === data.number) return;
  if (pinned) await unpinIssue(context, data.node_id);
  await octokit.request("PATCH /repos/{owner}/{repo}/issues/{issue_number}", {
    owner,
    repo,
    issue_number: data.number,
    body: `Duplicate of #${winner}, the dashboard QuantaPilot keeps current.`,
    state: "closed",
    state_reason: "not_planned",
  });
  await editIssue(context, winner, body);
}

/**
 * Keeps one dashboard issue per project: edits the recorded one; when that
 * is gone, finds the app's own open issue by its marker, pins and records
 * it; creates (and pins) one only when there is none. Recording comes last:
 * what is recorded is pinned already.
 */
export async function writeDashboardIssue(
  context: DashboardContext,
  body: string,
  stored: number | null,
): Promise<void> {
  if (stored !== null && (await editIssue(context, stored, body))) return;
  const found = await findDashboardIssue(context);
  if (found === undefined) return createIssue(context, body, stored);
  await editIssue(context, found.number, body);
  await pinIssue(context, found.nodeId);
  await claimDashboardIssue(context.sql, context.projectId, found.number, stored);
}
