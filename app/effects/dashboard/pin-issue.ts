import { httpStatus } from "../../auth/http-status.js";
import { retryAfterMs } from "../../github/retry-after-ms.js";
import type { DashboardContext } from "./dashboard-context.js";

/** GitHub pins issues through GraphQL only; the REST API has no endpoint for it. */
export const PIN_ISSUE_MUTATION =
  "mutation($issueId: ID!) { pinIssue(input: { issueId: $issueId }) { issue { number } } }";

/**
 * Pins issue `nodeId` to the repository's issue list. A repository holds at
 * most three pinned issues and people may unpin it: a refusal is logged, not
 * fatal, since the dashboard works unpinned too. A failure GitHub may not
 * repeat (a 5xx, a rate limit) is thrown, so the outbox tries again later
 * instead of leaving the dashboard unpinned for good.
 */
export async function pinIssue(context: DashboardContext, nodeId: string): Promise<void> {
  try {
    await context.octokit.graphql(PIN_ISSUE_MUTATION, { issueId: nodeId });
  } catch (error) {
    const status = httpStatus(error) ?? 0;
    if (status >= 500 || status === 429 || retryAfterMs(error) !== undefined) throw error;
    context.log.warn(
      { err: error, nodeId },
      "Could not pin the dashboard issue; it stays unpinned",
    );
  }
}

export const UNPIN_ISSUE_MUTATION =
  "mutation($issueId: ID!) { unpinIssue(input: { issueId: $issueId }) { issue { number } } }";

/**
 * Unpins issue `nodeId`: a duplicate dashboard this worker pinned while
 * another recorded its own. Best effort: the duplicate is closed and points
 * to the dashboard whatever happens, and no later attempt would look for it.
 */
export async function unpinIssue(context: DashboardContext, nodeId: string): Promise<void> {
  try {
    await context.octokit.graphql(UNPIN_ISSUE_MUTATION, { issueId: nodeId });
  } catch (error) {
    context.log.warn({ err: error, nodeId }, "Could not unpin a duplicate dashboard issue");
  }
}
