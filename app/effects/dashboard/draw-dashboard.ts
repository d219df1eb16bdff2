import { createHash } from "node:crypto";
import { needsDashboardWrite } from "../../core/report/dashboard-write.js";
import { recordDashboardDrawn } from "../../store/dashboard.js";
import type { DashboardContext } from "./dashboard-context.js";
import { writeDashboardIssue } from "./write-dashboard-issue.js";

/**
 * Writes `body` to the project's dashboard issue (`stored`: the one
 * recorded, `drawn`: what the app last wrote, both read with the dashboard's
 * facts) unless the app wrote this very body there last, which would
 * change nothing on GitHub; `forced` (a person asked) writes regardless.
 * What was written is recorded only once GitHub took it: a failed write is
 * written again by the retry.
 */
export async function drawDashboard(
  context: DashboardContext,
  body: string,
  { stored, drawn }: { stored: number | null; drawn: string | null },
  forced: boolean,
): Promise<void> {
  const { sql, projectId } = context;
  // A digest, not the body: what is compared is whether anything changed, not what.
  const bodyDigest = createHash("sha256").update(body).digest("hex");
  if (!needsDashboardWrite({ forced, issueNumber: stored, drawn, bodyDigest })) {
    return context.log.debug({ projectId }, "The dashboard shows this already; not written again");
  }
  await writeDashboardIssue(context, body, stored);
  await recordDashboardDrawn(sql, projectId, bodyDigest);
}
