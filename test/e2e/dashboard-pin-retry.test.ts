import nock from "nock";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DASHBOARD_MARKER } from "../../app/core/report/dashboard.js";
import { queueDashboardUpdate } from "../../app/store/dashboard-updates.js";
import { type AppWithProject, startAppWithProject } from "../helpers/app-with-project.js";
import { DASHBOARD_NODE_ID } from "../helpers/dashboard-nock.js";
import { nockPinIssue } from "../helpers/github-graphql-nock.js";
import { createGitHubNock } from "../helpers/github-nock.js";

const REPO = "/repos/octo-org/pin";

// GitHub failed the pin after the dashboard issue was created: the next attempt must still pin
// it. It used to record the issue first, so the retry (or a later update) only edited it.
describe("a dashboard whose pin GitHub failed", () => {
  let fixture: AppWithProject;
  let projectId = 0;

  beforeAll(async () => {
    fixture = await startAppWithProject({
      installationId: 91,
      account: "octo-org",
      accountType: "Organization",
      repoId: 525252,
      owner: "octo-org",
      name: "pin",
    });
    const [project] = await fixture.db.sql`SELECT id FROM projects`;
    projectId = Number(project?.id);
  });
  afterAll(() => fixture.close());

  const stored = async () =>
    (await fixture.db.sql`SELECT dashboard_issue_number AS n FROM projects`)[0]?.n ?? null;
  const outbox = () => fixture.db.sql`SELECT status, attempts FROM outbox ORDER BY id`;
  const runDue = async () => {
    await fixture.db.sql`UPDATE outbox SET run_after = now() WHERE status = 'pending'`;
    return fixture.app.server.worker?.runOnce();
  };

  it.each([
    ["502", 502, {}],
    ["a secondary rate limit", 403, { "retry-after": "60", "x-ratelimit-remaining": "4000" }],
  ])(
    "is pinned by the next attempt after %s, and recorded only then",
    async (_name, status, headers) => {
      await fixture.db.sql`TRUNCATE outbox`;
      await fixture.db.sql`UPDATE projects SET dashboard_issue_number = NULL`;
      const github = createGitHubNock();
      github.get(`${REPO}/issues`).query(true).reply(200, []);
      github
        .post(`${REPO}/issues`, (body) => String(body.body).startsWith(DASHBOARD_MARKER))
        .reply(201, { number: 70, node_id: DASHBOARD_NODE_ID });
      const failed = nock("https://api.github.com")
        .post("/graphql")
        .reply(status, { message: "You have exceeded a secondary rate limit" }, headers);
      await fixture.db.sql.begin((tx) => queueDashboardUpdate(tx, { projectId }, "first"));
      await runDue();
      expect(failed.isDone()).toBe(true);
      expect(await outbox()).toEqual([{ status: "pending", attempts: 1 }]);
      expect(await stored()).toBeNull();

      // The retry finds the issue it created by its marker, edits it, pins it, records it.
      const issue = { number: 70, node_id: DASHBOARD_NODE_ID, body: `${DASHBOARD_MARKER}\nold` };
      github
        .get(`${REPO}/issues`)
        .query(true)
        .reply(200, [{ ...issue, user: { login: "quantapilot[bot]" } }]);
      github.patch(`${REPO}/issues/70`).reply(200, {});
      const pin = nockPinIssue(DASHBOARD_NODE_ID);
      await runDue();
      pin.expectDone();
      github.expectDone();
      expect(await outbox()).toEqual([{ status: "done", attempts: 2 }]);
      expect(await stored()).toBe(70);
      expect(github.requests().filter((r) => r.method === "POST")).toHaveLength(1);
    },
  );
});
