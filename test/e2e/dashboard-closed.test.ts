import examples from "@octokit/webhooks-examples/api.github.com/index.json" with { type: "json" };
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { DASHBOARD_MARKER } from "../../app/core/report/dashboard.js";
import { queueDashboardUpdate } from "../../app/store/dashboard-updates.js";
import { type AppWithProject, startAppWithProject } from "../helpers/app-with-project.js";
import { deliverWebhook } from "../helpers/deliver-webhook.js";
import { createGitHubNock, type GitHubNock } from "../helpers/github-nock.js";

type Example = Record<string, unknown> & { issue: Record<string, unknown> };
// GitHub's real issues.reopened; issues.closed is the same issue closed (the examples have none).
const reopenedExample = examples
  .find((group) => group.name === "issues")
  ?.examples.find((example) => (example as { action?: string }).action === "reopened") as Example;
const REPO = "/repos/Codertocat/Hello-World";
const DASHBOARD = 1;
const T1 = "2026-11-24T10:00:00Z";
const T2 = "2026-11-24T10:05:00Z";

function issueEvent(
  action: "closed" | "reopened",
  at: string,
  { number = DASHBOARD, sender = "Codertocat" } = {},
) {
  const closed = action === "closed";
  return {
    ...reopenedExample,
    action,
    installation: { id: 84 },
    issue: {
      ...reopenedExample.issue,
      number,
      state: closed ? "closed" : "open",
      updated_at: at,
      // A reopened issue still carries its last closed_at: only updated_at says when it reopened.
      closed_at: closed ? at : "2026-01-01T00:00:00Z",
    },
    sender: { ...(reopenedExample.sender as object), login: sender },
  };
}

describe("a dashboard issue closed by a person", () => {
  let fixture: AppWithProject;
  let github: GitHubNock;
  let projectId = 0;
  const db = () => fixture.db.sql;

  beforeAll(async () => {
    fixture = await startAppWithProject({
      installationId: 84,
      account: "Codertocat",
      repoId: 186853002,
      owner: "Codertocat",
      name: "Hello-World",
    });
    projectId = Number((await db()`SELECT id FROM projects`)[0]?.id);
  });
  beforeEach(async () => {
    github = createGitHubNock();
    await db()`TRUNCATE outbox, stage_runs, work_items CASCADE`;
    await db()`UPDATE projects SET dashboard_issue_number = ${DASHBOARD}, dashboard_closed = false,
      dashboard_state_at = NULL`;
  });
  afterAll(() => fixture.close());

  const deliver = (payload: unknown) =>
    deliverWebhook(fixture.app.url, { event: "issues", payload });
  const state = async () =>
    (await db()`SELECT dashboard_closed AS closed, dashboard_state_at AS at FROM projects`)[0];
  const updates = async () =>
    (await db()`SELECT status FROM outbox WHERE kind = 'update_dashboard' ORDER BY id`).map(
      (row) => row.status,
    );
  const redraw = () =>
    github
      .patch(`${REPO}/issues/${DASHBOARD}`, (b) => String(b.body).startsWith(DASHBOARD_MARKER))
      .reply(200, { number: DASHBOARD });
  const perform = () => fixture.app.server.worker?.runOnce();

  it("is recorded closed and no longer edited, nor replaced by a new one", async () => {
    expect((await deliver(issueEvent("closed", T1))).status).toBe(200);
    expect(await state()).toEqual({ closed: true, at: new Date(T1) });
    expect(await updates()).toEqual([]);
    await db().begin((tx) => queueDashboardUpdate(tx, { projectId }, "later-change"));
    await perform();
    github.expectDone();
    expect(github.requests()).toEqual([]);
    expect(await updates()).toEqual(["done"]);
  });

  it("reopened, it is redrawn at once and kept current again", async () => {
    await deliver(issueEvent("closed", T1));
    await deliver(issueEvent("reopened", T2));
    expect(await state()).toEqual({ closed: false, at: new Date(T2) });
    expect(await updates()).toEqual(["pending"]);
    redraw();
    await perform();
    github.expectDone();
    expect(await updates()).toEqual(["done"]);
  });

  it("a close delivered after the later reopen does not silence it", async () => {
    await deliver(issueEvent("closed", T1));
    await deliver(issueEvent("reopened", T2));
    expect(await updates()).toEqual(["pending"]);
    await deliver(issueEvent("closed", T1));
    expect(await state()).toEqual({ closed: false, at: new Date(T2) });
    redraw();
    await perform();
    github.expectDone();
  });

  it("a reopen delivered after the later close does not bring it back", async () => {
    await deliver(issueEvent("closed", T2));
    await deliver(issueEvent("reopened", T1));
    expect(await state()).toEqual({ closed: true, at: new Date(T2) });
    expect(await updates()).toEqual([]);
  });

  it("a second delivery of the same reopen queues no second redraw", async () => {
    await deliver(issueEvent("closed", T1));
    await deliver(issueEvent("reopened", T2));
    await db()`UPDATE outbox SET status = 'done'`;
    await deliver(issueEvent("reopened", T2));
    expect(await updates()).toEqual(["done"]);
  });

  it("closing any other issue, or the app closing its own duplicate, changes nothing", async () => {
    await deliver(issueEvent("closed", T1, { number: 7 }));
    await deliver(issueEvent("closed", T1, { sender: "quantapilot[bot]" }));
    expect(await state()).toEqual({ closed: false, at: null });
  });

  it("a close with no readable time is refused with 400 and changes nothing", async () => {
    const hostile = issueEvent("closed", T1);
    const reply = await deliver({ ...hostile, issue: { ...hostile.issue, updated_at: "soon" } });
    expect(reply.status).toBe(400);
    expect(await state()).toEqual({ closed: false, at: null });
  });

  it("an unsigned close is refused and changes nothing", async () => {
    const reply = await deliverWebhook(fixture.app.url, {
      event: "issues",
      payload: issueEvent("closed", T1),
      signature: null,
    });
    expect(reply.status).toBeGreaterThanOrEqual(400);
    expect(await state()).toEqual({ closed: false, at: null });
  });
});
