import { DASHBOARD_MARKER, DASHBOARD_TITLE } from "../../app/core/report/dashboard.js";
import { nockPinIssue, type PinIssueNock } from "./github-graphql-nock.js";
import type { GitHubNock } from "./github-nock.js";

/** The node id `nockDashboardCreated` gives the new issue, for the pin. */
export const DASHBOARD_NODE_ID = "I_kwDOdashboard";

/**
 * GitHub as it answers the first dashboard update of a repository (`repoPath`
 * like `/repos/owner/name`): no open issue of the app carries the marker, so
 * the dashboard issue `number` is created and then pinned.
 */
export function nockDashboardCreated(
  github: GitHubNock,
  repoPath: string,
  { number = 50, appSlug = "quantapilot", pinFails = false } = {},
): PinIssueNock {
  github
    .get(`${repoPath}/issues`)
    .query((query) => query.creator === `${appSlug}[bot]` && query.state === "open")
    .reply(200, []);
  github
    .post(
      `${repoPath}/issues`,
      (body) => body.title === DASHBOARD_TITLE && String(body.body).startsWith(DASHBOARD_MARKER),
    )
    .reply(201, { number, node_id: DASHBOARD_NODE_ID, user: { login: `${appSlug}[bot]` } });
  return nockPinIssue(DASHBOARD_NODE_ID, { fail: pinFails });
}
