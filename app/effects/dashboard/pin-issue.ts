import type { DashboardContext } from "./dashboard-context.js";

/** GitHub pins issues through GraphQL only; the REST API has no endpoint for it. */
export const PIN_ISSUE_MUTATION =
  "mutation($issueId: ID!) { pinIssue(input: { issueId: $issueId }) { issue { number } } }";

/**
 * Pins issue `nodeId` to the repository's issue list. A repository holds at
 * most three pinned issues and people may unpin it: a failure is logged, not
 * fatal, since the dashboard works unpinned too.
 */
export async function pinIssue(context: DashboardContext, nodeId: string): Promise<void> {
  try {
    await context.octokit.graphql(PIN_ISSUE_MUTATION, { issueId: nodeId });
  } catch (error) {
    context.log.warn(
      { err: error, nodeId },
      "Could not pin the dashboard issue; it stays unpinned",
    );
  }
}
