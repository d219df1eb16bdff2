import { DASHBOARD_MARKER } from "../../core/report/dashboard.js";
import type { DashboardContext } from "./dashboard-context.js";

/** An issue found again: its number and GraphQL node id (for pinning). */
export interface FoundIssue {
  number: number;
  nodeId: string;
}

/**
 * The open issue this app created that carries the dashboard marker, read
 * page by page until found. Anyone can paste the marker into an issue, so
 * only the app's own issues count.
 */
export async function findDashboardIssue(
  context: DashboardContext,
): Promise<FoundIssue | undefined> {
  const { owner, repo, appSlug } = context;
  const pages = context.octokit.paginate.iterator("GET /repos/{owner}/{repo}/issues", {
    owner,
    repo,
    creator: `${appSlug}[bot]`,
    state: "open",
    per_page: 100,
  });
  for await (const page of pages) {
    const found = page.data.find(
      (issue) =>
        issue.pull_request === undefined &&
        issue.body?.includes(DASHBOARD_MARKER) &&
        (issue.performed_via_github_app?.slug === appSlug ||
          issue.user?.login === `${appSlug}[bot]`),
    );
    if (found) return { number: found.number, nodeId: found.node_id };
  }
  return undefined;
}
