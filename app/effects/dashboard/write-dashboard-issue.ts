import { httpStatus } from "../../auth/http-status.js";
import { DASHBOARD_TITLE } from "../../core/report/dashboard.js";
import { claimDashboardIssue } from "../../store/dashboard.js";
import type { DashboardContext } from "./dashboard-context.js";
import { findDashboardIssue } from "./find-dashboard-issue.js";
import { pinIssue } from "./pin-issue.js";

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
async function createIssue(context: DashboardContext, body: string, stored: number | null) {
  const { octokit, owner, repo } = context;
  const { data } = await octokit.request("POST /repos/{owner}/{repo}/issues", {
    owner,
    repo,
    title: DASHBOARD_TITLE,
    body,
  });
  const winner = await claimDashboardIssue(context.sql, context.projectId, data.number, stored);
  if (winner === null || winner === data.number) return pinIssue(context, data.node_id);
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
 * is gone, finds the app's own open issue by its marker, records and pins
 * it; creates (and pins) one only when there is none.
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
  await claimDashboardIssue(context.sql, context.projectId, found.number, stored);
  await pinIssue(context, found.nodeId);
}
