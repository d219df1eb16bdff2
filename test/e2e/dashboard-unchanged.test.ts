import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { DASHBOARD_MARKER } from "../../app/core/report/dashboard.js";
import { queueDashboardUpdate } from "../../app/store/dashboard-updates.js";
import { type AppWithProject, startAppWithProject } from "../helpers/app-with-project.js";
import type { TestDatabase } from "../helpers/database.js";
import { createGitHubNock, type GitHubNock } from "../helpers/github-nock.js";

const REPO = "/repos/octo-org/same";
const DASHBOARD = 70;

describe("a dashboard redraw that would write what the issue shows already", () => {
  let db: TestDatabase;
  let fixture: AppWithProject;
  let github: GitHubNock;
  let projectId = 0;

  beforeAll(async () => {
    fixture = await startAppWithProject({
      installationId: 95,
      account: "octo-org",
      accountType: "Organization",
      repoId: 535353,
      owner: "octo-org",
      name: "same",
    });
    db = fixture.db;
    projectId = Number((await db.sql`SELECT id FROM projects`)[0]?.id);
  });
  beforeEach(async () => {
    github = createGitHubNock();
    await db.sql`TRUNCATE decisions, outbox, stage_runs, work_items CASCADE`;
    await db.sql`UPDATE projects SET dashboard_issue_number = ${DASHBOARD}, dashboard_drawn = NULL`;
    await db.sql`
      INSERT INTO work_items (project_id, kind, issue_number, title, branch, stage, state, last_run_number)
      VALUES (${projectId}, 'issue', 3, 'Add login', 'quantapilot/3-add-login', 'implement', 'running', 1)`;
  });
  afterAll(() => fixture.close());

  let cause = 0;
  // A pipeline change (not forced) or a person's request (forced), due at once.
  const queue = (force: boolean) =>
    db.sql.begin((tx) => queueDashboardUpdate(tx, { projectId }, `c${cause++}`, { force }));
  const edits = (times = 1) =>
    github
      .patch(`${REPO}/issues/${DASHBOARD}`, (b) => String(b.body).startsWith(DASHBOARD_MARKER))
      .times(times)
      .reply(200, { number: DASHBOARD });
  const work = async () => {
    while (((await fixture.app.server.worker?.runOnce()) ?? 0) > 0) {}
  };
  const patches = () => github.requests().filter((r) => r.method === "PATCH").length;
  const outbox = () => db.sql`SELECT status, last_error FROM outbox ORDER BY id`;

  it("asks GitHub nothing when the body and the issue are what the app wrote last", async () => {
    edits();
    await queue(false);
    await work();
    expect(patches()).toBe(1);
    await queue(false);
    await work();
    github.expectDone();
    expect(patches()).toBe(1);
    expect(await outbox()).toEqual([
      { status: "done", last_error: null },
      { status: "done", last_error: null },
    ]);
  });

  it("writes again once what it shows changed", async () => {
    edits(2);
    await queue(false);
    await work();
    await db.sql`UPDATE work_items SET state = 'waiting_for_human'`;
    await queue(false);
    await work();
    github.expectDone();
    expect(patches()).toBe(2);
  });

  it("writes an unchanged body when a person asked: their tick or edit is overwritten", async () => {
    edits(2);
    await queue(false);
    await work();
    await queue(true);
    await work();
    github.expectDone();
  });

  it("writes an unchanged body to another issue than the last write's (found again, recreated)", async () => {
    edits();
    github.patch(`${REPO}/issues/71`).reply(200, { number: 71 });
    await queue(false);
    await work();
    await db.sql`UPDATE projects SET dashboard_issue_number = 71`;
    await queue(false);
    await work();
    github.expectDone();
  });

  it("records nothing when GitHub failed the write, so the retry writes", async () => {
    github.patch(`${REPO}/issues/${DASHBOARD}`).reply(502, { message: "Bad gateway" });
    await queue(false);
    await work();
    expect((await db.sql`SELECT dashboard_drawn FROM projects`)[0]?.dashboard_drawn).toBeNull();
    expect(await outbox()).toEqual([{ status: "pending", last_error: expect.any(String) }]);
    edits();
    await db.sql`UPDATE outbox SET run_after = now()`;
    await work();
    github.expectDone();
    expect(await outbox()).toEqual([{ status: "done", last_error: null }]);
  });

  it("writes a row queued before the flag existed (no `force`), as before", async () => {
    edits(2);
    await queue(false);
    await work();
    await db.sql`
      INSERT INTO outbox (idempotency_key, kind, installation_id, payload)
      VALUES ('dashboard:old', 'update_dashboard', 95, ${db.sql.json({ projectId })})`;
    await work();
    github.expectDone();
  });

  it("refuses a malformed flag without calling GitHub, and says which field", async () => {
    await db.sql`
      INSERT INTO outbox (idempotency_key, kind, installation_id, payload)
      VALUES ('dashboard:bad', 'update_dashboard', 95, ${db.sql.json({ projectId, force: "yes" })})`;
    await work();
    expect(github.requests()).toEqual([]);
    const [row] = await outbox();
    expect(String(row?.last_error)).toContain("force");
  });
});
