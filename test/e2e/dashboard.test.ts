import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { DASHBOARD_MARKER } from "../../app/core/report/dashboard.js";
import { queueDashboardUpdate } from "../../app/store/dashboard-updates.js";
import { claimDueEffects } from "../../app/store/outbox.js";
import { type AppWithProject, startAppWithProject } from "../helpers/app-with-project.js";
import { DASHBOARD_NODE_ID, nockDashboardCreated } from "../helpers/dashboard-nock.js";
import type { TestDatabase } from "../helpers/database.js";
import { nockIssueMutation, nockPinIssue } from "../helpers/github-graphql-nock.js";
import { createGitHubNock, type GitHubNock } from "../helpers/github-nock.js";
import type { TestServer } from "../helpers/test-server.js";

const REPO = "/repos/octo-org/dash";
const HEAD = "d6fde92930d4715a2b49857d24b940956b26d2d3";

describe("the dashboard issue", () => {
  let db: TestDatabase;
  let app: TestServer;
  let github: GitHubNock;
  let projectId = 0;
  let fixture: AppWithProject;

  beforeAll(async () => {
    fixture = await startAppWithProject({
      installationId: 90,
      account: "octo-org",
      accountType: "Organization",
      repoId: 515151,
      owner: "octo-org",
      name: "dash",
    });
    ({ db, app } = fixture);
    const [project] =
      await db.sql`UPDATE projects SET budget_usd = 40, spent_usd = 10 RETURNING id`;
    projectId = Number(project?.id);
  });
  beforeEach(async () => {
    github = createGitHubNock();
    await db.sql`TRUNCATE decisions, outbox, stage_runs, work_items CASCADE`;
    await db.sql`UPDATE projects SET dashboard_issue_number = NULL, status = 'active', dashboard_drawing_until = NULL`;
    const [item] = await db.sql`
      INSERT INTO work_items (project_id, kind, issue_number, pr_number, title, branch, stage, state, head_sha, last_run_number)
      VALUES (${projectId}, 'issue', 3, 4, 'Add login', 'quantapilot/3-add-login', 'review', 'awaiting_approval', ${HEAD}, 2),
             (${projectId}, 'issue', 7, NULL, 'Fix typo', 'quantapilot/7-fix-typo', 'test', 'waiting_for_human', NULL, 1)
      RETURNING id`;
    await db.sql`
      INSERT INTO stage_runs (work_item_id, run_number, stage, status, usd_cap, check_run_id, completed_at)
      VALUES (${item?.id}, 2, 'review', 'succeeded', 5, 9001, now())`;
    await db.sql`
      INSERT INTO decisions (work_item_id, actor_login, actor_id, command, source, delivery_id, accepted)
      VALUES (${item?.id}, 'alice', 1, 'retry', 'comment', 'd-1', true),
             (${item?.id}, 'mallory', 2, 'approve', 'comment', 'd-2', false)`;
  });
  afterAll(() => fixture.close());

  const queue = (cause: string) =>
    db.sql.begin((tx) => queueDashboardUpdate(tx, { projectId }, cause));
  const stored = async () =>
    (await db.sql`SELECT dashboard_issue_number AS n FROM projects`)[0]?.n as number | null;
  const outbox = () => db.sql`SELECT kind, status, last_error FROM outbox ORDER BY id`;
  const sentBody = (method: string, path: string) =>
    github.requests().find((r) => r.method === method && r.path.startsWith(path))?.body as {
      body: string;
    };

  it("creates it the first time with what waits, spend, items and decisions, pins it and records it", async () => {
    const pin = nockDashboardCreated(github, REPO, { number: 50 });
    await queue("first");
    expect(await app.server.worker?.runOnce()).toBe(1);
    github.expectDone();
    pin.expectDone();
    expect(await outbox()).toEqual([
      { kind: "update_dashboard", status: "done", last_error: null },
    ]);
    expect(await stored()).toBe(50);
    const { body } = sentBody("POST", `${REPO}/issues`);
    expect(body.startsWith(DASHBOARD_MARKER)).toBe(true);
    expect(body).toContain(
      "- [ ] Approve [#4](https://github.com/octo-org/dash/issues/4) Add login: review at `d6fde92`",
    );
    expect(body).toContain(
      "- [ ] Retry [#7](https://github.com/octo-org/dash/issues/7) Fix typo: test, after run 1",
    );
    expect(body).toContain("$10.00 of $40.00 (25%) · $30.00 left");
    expect(body).toContain("[QuantaPilot / review](https://github.com/octo-org/dash/runs/9001)");
    expect(body).toContain("`@alice` /retry on [#4]");
    expect(body).not.toContain("mallory");
  });

  it("edits the recorded issue in place, with no search, no new issue and no pin", async () => {
    await db.sql`UPDATE projects SET dashboard_issue_number = 50`;
    github
      .patch(`${REPO}/issues/50`, (b) => String(b.body).startsWith(DASHBOARD_MARKER))
      .reply(200, {});
    await queue("edit");
    await app.server.worker?.runOnce();
    github.expectDone();
    expect(github.requests().map((r) => `${r.method} ${r.path}`)).toEqual([
      `PATCH ${REPO}/issues/50`,
    ]);
    expect(await stored()).toBe(50);
  });

  it("finds its own issue by the marker when the recorded one was deleted, ignoring look-alikes", async () => {
    await db.sql`UPDATE projects SET dashboard_issue_number = 50`;
    github.patch(`${REPO}/issues/50`).reply(410, { message: "This issue was deleted" });
    const issue = (number: number, login: string, extra = {}) => ({
      number,
      node_id: `I_${number}`,
      body: `${DASHBOARD_MARKER}\nold`,
      user: { login },
      ...extra,
    });
    github
      .get(`${REPO}/issues`)
      .query(true)
      .reply(200, [
        issue(60, "mallory"),
        issue(61, "quantapilot[bot]", { pull_request: { url: "x" } }),
        issue(62, "quantapilot[bot]"),
      ]);
    github.patch(`${REPO}/issues/62`).reply(200, {});
    const pin = nockPinIssue("I_62");
    await queue("refind");
    await app.server.worker?.runOnce();
    github.expectDone();
    pin.expectDone();
    expect(await stored()).toBe(62);
    expect(github.requests().some((r) => r.method === "POST")).toBe(false);
  });

  it("keeps the dashboard when pinning fails: the failure is logged, not fatal", async () => {
    const pin = nockDashboardCreated(github, REPO, { number: 52, pinFails: true });
    await queue("pin-fails");
    await app.server.worker?.runOnce();
    pin.expectDone();
    expect(await outbox()).toEqual([
      { kind: "update_dashboard", status: "done", last_error: null },
    ]);
    expect(await stored()).toBe(52);
    expect(app.logs.some((l) => String(l.msg).startsWith("Could not pin the dashboard"))).toBe(
      true,
    );
  });

  /** This worker's #53 closed as a duplicate, and the other's recorded #50 written instead. */
  const expectDuplicateOf50 = () => {
    github
      .patch(`${REPO}/issues/53`, (b) => b.state === "closed" && b.state_reason === "not_planned")
      .reply(200, {});
    github
      .patch(`${REPO}/issues/50`, (b) => String(b.body).startsWith(DASHBOARD_MARKER))
      .reply(200, {});
  };

  it("closes its own duplicate when another worker recorded a dashboard first", async () => {
    github.get(`${REPO}/issues`).query(true).reply(200, []);
    github.post(`${REPO}/issues`).reply(async () => {
      // The other worker wins while this one's create is in flight.
      await db.sql`UPDATE projects SET dashboard_issue_number = 50`;
      return [201, { number: 53, node_id: DASHBOARD_NODE_ID }];
    });
    expectDuplicateOf50();
    await queue("race");
    await app.server.worker?.runOnce();
    github.expectDone();
    expect(await stored()).toBe(50);
    expect(String(sentBody("PATCH", `${REPO}/issues/53`).body)).toContain("Duplicate of #50");
  });

  it("unpins its own duplicate when another worker recorded a dashboard after it pinned", async () => {
    github.get(`${REPO}/issues`).query(true).reply(200, []);
    github.post(`${REPO}/issues`).reply(201, { number: 53, node_id: DASHBOARD_NODE_ID });
    // The other worker records its dashboard between this one's pin and its claim.
    const pin = nockIssueMutation("pinIssue", DASHBOARD_NODE_ID, {
      onCall: () => db.sql`UPDATE projects SET dashboard_issue_number = 50`,
    });
    const unpin = nockIssueMutation("unpinIssue", DASHBOARD_NODE_ID);
    expectDuplicateOf50();
    await queue("pin-race");
    await app.server.worker?.runOnce();
    github.expectDone();
    pin.expectDone();
    unpin.expectDone();
    expect(await stored()).toBe(50);
  });

  it("waits its turn while another worker draws the project's dashboard, spending no attempt", async () => {
    await db.sql`UPDATE projects SET dashboard_drawing_until = now() + interval '1 minute'`;
    await queue("busy");
    await app.server.worker?.runOnce();
    expect(github.requests()).toEqual([]);
    const [waiting] = await db.sql`SELECT status, attempts, last_error FROM outbox`;
    expect(waiting).toMatchObject({ status: "pending", attempts: 0 });
    expect(String(waiting?.last_error)).toMatch(/^Another worker is drawing/);
    // The other worker is done: the next try draws, and lets the dashboard go again.
    await db.sql`UPDATE projects SET dashboard_drawing_until = NULL`;
    await db.sql`UPDATE outbox SET run_after = now()`;
    const pin = nockDashboardCreated(github, REPO, { number: 50 });
    await app.server.worker?.runOnce();
    github.expectDone();
    pin.expectDone();
    expect(await stored()).toBe(50);
    const [project] = await db.sql`SELECT dashboard_drawing_until FROM projects`;
    expect(project?.dashboard_drawing_until).toBeNull();
  });

  it("leaves a removed project's repository alone", async () => {
    await db.sql`UPDATE projects SET status = 'removed'`;
    await queue("removed");
    await app.server.worker?.runOnce();
    expect(github.requests()).toEqual([]);
    expect(await outbox()).toEqual([
      { kind: "update_dashboard", status: "done", last_error: null },
    ]);
  });

  it("retries later when GitHub fails, without recording anything", async () => {
    github.get(`${REPO}/issues`).query(true).reply(500, { message: "boom" });
    await queue("fails");
    await app.server.worker?.runOnce();
    const [row] = await outbox();
    expect(row).toMatchObject({ kind: "update_dashboard", status: "pending" });
    expect(await stored()).toBeNull();
  });
});

describe("coalescing dashboard updates", () => {
  let db: TestDatabase;
  let fixture: AppWithProject;
  let projectId = 0;

  beforeAll(async () => {
    fixture = await startAppWithProject({
      installationId: 91,
      account: "octo-org",
      repoId: 525252,
      owner: "octo-org",
      name: "burst",
    });
    db = fixture.db;
    projectId = Number((await db.sql`SELECT id FROM projects`)[0]?.id);
  });
  beforeEach(() => db.sql`TRUNCATE outbox`);
  afterAll(() => fixture.close());

  const queue = (cause: string) =>
    db.sql.begin((tx) => queueDashboardUpdate(tx, { projectId }, cause));
  const rows = () => db.sql`SELECT idempotency_key, attempts FROM outbox ORDER BY id`;

  it("keeps one waiting update per project for a burst of changes", async () => {
    for (const cause of ["a", "b", "c", "d"]) await queue(cause);
    expect(await rows()).toEqual([{ idempotency_key: `dashboard:${projectId}:a`, attempts: 0 }]);
  });

  it("queues another once a worker took the waiting one, which may have read older state", async () => {
    await queue("a");
    expect(await claimDueEffects(db.sql, 10, 60_000)).toHaveLength(1);
    await queue("b");
    await queue("c");
    expect((await rows()).map((r) => r.idempotency_key)).toEqual([
      `dashboard:${projectId}:a`,
      `dashboard:${projectId}:b`,
    ]);
  });

  it("holds the waiting update back from workers until the change that joined it commits", async () => {
    await queue("a");
    let release = () => {};
    const held = new Promise<void>((resolve) => {
      release = resolve;
    });
    let joined = () => {};
    const inside = new Promise<void>((resolve) => {
      joined = resolve;
    });
    const change = db.sql.begin(async (tx) => {
      await queueDashboardUpdate(tx, { projectId }, "b");
      joined();
      await held;
    });
    await inside;
    expect(await claimDueEffects(db.sql, 10, 60_000)).toEqual([]);
    release();
    await change;
    expect(await claimDueEffects(db.sql, 10, 60_000)).toHaveLength(1);
    expect(await rows()).toHaveLength(1);
  });

  it("queues nothing for a project that does not exist", async () => {
    await db.sql.begin((tx) => queueDashboardUpdate(tx, { projectId: 999_999 }, "x"));
    expect(await rows()).toEqual([]);
  });
});
