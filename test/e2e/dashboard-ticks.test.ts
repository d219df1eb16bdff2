import examples from "@octokit/webhooks-examples/api.github.com/index.json" with { type: "json" };
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { DASHBOARD_MARKER } from "../../app/core/report/dashboard.js";
import { type DashboardTick, tickId } from "../../app/core/report/dashboard-ticks.js";
import { type AppWithProject, startAppWithProject } from "../helpers/app-with-project.js";
import type { TestDatabase } from "../helpers/database.js";
import { deliverWebhook } from "../helpers/deliver-webhook.js";
import { createGitHubNock, type GitHubNock } from "../helpers/github-nock.js";
import type { TestServer } from "../helpers/test-server.js";

type Example = Record<string, unknown> & {
  issue: Record<string, unknown> & { user: Record<string, unknown> };
  repository: Record<string, unknown>;
};
const editedExample = examples
  .find((group) => group.name === "issues")
  ?.examples.find((example) => (example as { action?: string }).action === "edited") as Example;
const REPO = "/repos/octo-org/ticks";
const REPO_ID = 535353;
const HEAD = "d6fde92930d4715a2b49857d24b940956b26d2d3";
const OLD = "0".repeat(40);
const DASHBOARD = 50;

describe("ticking boxes on the dashboard issue", () => {
  let db: TestDatabase;
  let app: TestServer;
  let github: GitHubNock;
  let fixture: AppWithProject;
  let gated = 0;
  let stuck = 0;

  beforeAll(async () => {
    fixture = await startAppWithProject({
      installationId: 92,
      account: "octo-org",
      accountType: "Organization",
      repoId: REPO_ID,
      owner: "octo-org",
      name: "ticks",
    });
    ({ db, app } = fixture);
    await db.sql`UPDATE projects SET dashboard_issue_number = ${DASHBOARD}`;
  });
  beforeEach(async () => {
    github = createGitHubNock();
    await db.sql`TRUNCATE decisions, outbox, stage_runs, work_items, deliveries CASCADE`;
    const [a, b] = await db.sql`
      INSERT INTO work_items (project_id, kind, issue_number, pr_number, title, branch, stage, state, head_sha, last_run_number)
      SELECT id, 'issue', 3, 4, 'Add login', 'quantapilot/3-add-login', 'review', 'awaiting_approval', ${HEAD}, 2 FROM projects
      UNION ALL
      SELECT id, 'issue', 7, NULL, 'Fix typo', 'quantapilot/7-fix-typo', 'test', 'waiting_for_human', NULL, 1 FROM projects
      RETURNING id`;
    gated = Number(a?.id);
    stuck = Number(b?.id);
  });
  afterAll(() => fixture.close());

  const approveBox = (sha = HEAD): DashboardTick => ({ action: "approve", workItemId: gated, sha });
  const retryBox = (runNumber = 1): DashboardTick => ({
    action: "retry",
    workItemId: stuck,
    runNumber,
  });
  const render = (boxes: DashboardTick[]) =>
    [
      DASHBOARD_MARKER,
      "### Waiting for a person",
      ...boxes.map((box) => `- [ ] ${box.action} #${box.workItemId} ${tickId(box)}`),
    ].join("\n");
  const tick = (body: string, ...boxes: DashboardTick[]) =>
    boxes.reduce(
      (text, box) =>
        text.replace(
          `- [ ] ${box.action} #${box.workItemId}`,
          `- [x] ${box.action} #${box.workItemId}`,
        ),
      body,
    );

  /** GitHub's real `issues.edited` payload for the dashboard, edited from `before` to `after`. */
  const edited = (
    before: string | undefined,
    after: string,
    sender: { login: string; type?: string },
    author = "quantapilot[bot]",
  ) => ({
    ...editedExample,
    installation: { id: 92 },
    repository: { ...editedExample.repository, id: REPO_ID },
    issue: {
      ...editedExample.issue,
      number: DASHBOARD,
      body: after,
      html_url: `https://github.com/octo-org/ticks/issues/${DASHBOARD}`,
      user: {
        ...editedExample.issue.user,
        login: author,
        type: author.endsWith("[bot]") ? "Bot" : "User",
      },
    },
    changes: before === undefined ? {} : { body: { from: before } },
    sender: { login: sender.login, id: 77, type: sender.type ?? "User" },
  });
  const deliver = (payload: unknown, id?: string) =>
    deliverWebhook(app.url, { event: "issues", payload, ...(id ? { id } : {}) });
  const permission = (login: string, level: string) =>
    github
      .get(`${REPO}/collaborators/${login}/permission`)
      .reply(200, { permission: level, role_name: level });
  const kinds = async () => (await db.sql`SELECT kind FROM outbox ORDER BY id`).map((r) => r.kind);
  const replies = async () =>
    (await db.sql`SELECT payload FROM outbox WHERE kind = 'post_comment' ORDER BY id`).map(
      (r) => r.payload as { issueNumber: number; body: string },
    );
  const states = async () =>
    (await db.sql`SELECT state, approved_sha, last_run_number FROM work_items ORDER BY id`).map(
      (r) => ({ ...r }),
    );
  const decisions = () =>
    db.sql`SELECT command, args, sha, source, source_url, accepted, reason FROM decisions ORDER BY id`;

  it("Approve from a writer is /approve at the box's SHA: the merge is queued and the decision kept", async () => {
    permission("writer1", "write");
    const before = render([approveBox(), retryBox()]);
    const reply = await deliver(edited(before, tick(before, approveBox()), { login: "writer1" }));
    expect(reply.body.outcome).toBe("processed");
    github.expectDone();
    expect((await states())[0]).toEqual({
      state: "merging",
      approved_sha: HEAD,
      last_run_number: 2,
    });
    expect(await kinds()).toEqual(["merge_pr", "update_status_comment", "update_dashboard"]);
    expect(await decisions()).toEqual([
      {
        command: "approve",
        args: HEAD,
        sha: HEAD,
        source: "dashboard",
        source_url: `https://github.com/octo-org/ticks/issues/${DASHBOARD}`,
        accepted: true,
        reason: null,
      },
    ]);
  });

  it("Retry from a writer opens a new run; two boxes at once both run, in order", async () => {
    permission("writer2", "write");
    const before = render([approveBox(), retryBox()]);
    await deliver(edited(before, tick(before, approveBox(), retryBox()), { login: "writer2" }));
    github.expectDone();
    expect(await states()).toEqual([
      { state: "merging", approved_sha: HEAD, last_run_number: 2 },
      { state: "running", approved_sha: null, last_run_number: 2 },
    ]);
    const runs =
      await db.sql`SELECT run_number, stage, status FROM stage_runs WHERE work_item_id = ${stuck}`;
    expect(runs).toEqual([{ run_number: 2, stage: "test", status: "queued" }]);
    expect((await decisions()).map((d) => [d.command, d.accepted])).toEqual([
      ["approve", true],
      ["retry", true],
    ]);
    expect((await kinds()).filter((kind) => kind === "update_dashboard")).toHaveLength(1);
  });

  it.each([
    ["a reader", "read"],
    ["an outside contributor", "none"],
  ])(
    "a tick from %s changes nothing; one refusal reply, and the redraw unticks the box",
    async (_who, level) => {
      const login = `outsider-${level}`;
      if (level === "none")
        github
          .get(`${REPO}/collaborators/${login}/permission`)
          .reply(404, { message: "Not Found" });
      else permission(login, level);
      const before = render([approveBox()]);
      await deliver(edited(before, tick(before, approveBox()), { login }));
      expect((await states())[0]).toMatchObject({ state: "awaiting_approval", approved_sha: null });
      expect(await kinds()).toEqual(["post_comment", "update_dashboard"]);
      const [refusal] = await replies();
      expect(refusal?.issueNumber).toBe(DASHBOARD);
      expect(refusal?.body).toMatch(new RegExp(`^@${login}: /approve needs write access`));
      expect(await decisions()).toEqual([]);

      // Performing the effects writes exactly the reply and the redrawn, unticked dashboard.
      github.get(`${REPO}/issues/${DASHBOARD}/comments`).query(true).reply(200, []);
      github.post(`${REPO}/issues/${DASHBOARD}/comments`).reply(201, { id: 1 });
      github
        .patch(`${REPO}/issues/${DASHBOARD}`, (b) => String(b.body).includes(`- [ ] Approve [#4]`))
        .reply(200, {});
      await app.server.worker?.runOnce();
      github.expectDone();
      const writes = github.requests().filter((r) => r.method !== "GET");
      expect(writes.map((r) => `${r.method} ${r.path}`)).toEqual([
        `POST ${REPO}/issues/${DASHBOARD}/comments`,
        `PATCH ${REPO}/issues/${DASHBOARD}`,
      ]);
    },
  );

  it("a box drawn for an old head is refused as /approve <old sha> is, and recorded", async () => {
    permission("writer3", "write");
    const before = render([approveBox(OLD)]);
    await deliver(edited(before, tick(before, approveBox(OLD)), { login: "writer3" }));
    expect((await states())[0]).toMatchObject({ state: "awaiting_approval", approved_sha: null });
    const [decision] = await decisions();
    expect(decision).toMatchObject({ command: "approve", source: "dashboard", accepted: false });
    expect(decision?.reason).toContain("0000000 is not the PR head (d6fde92)");
    expect((await replies())[0]?.body).toContain("@writer3: 0000000 is not the PR head");
  });

  it("a Retry box drawn before a newer run is refused as stale and retries nothing", async () => {
    permission("writer4", "write");
    await db.sql`UPDATE work_items SET last_run_number = 3 WHERE id = ${stuck}`;
    const before = render([retryBox(1)]);
    await deliver(edited(before, tick(before, retryBox(1)), { login: "writer4" }));
    expect(await db.sql`SELECT 1 FROM stage_runs`).toHaveLength(0);
    const [decision] = await decisions();
    expect(decision).toMatchObject({ command: "retry", source: "dashboard", accepted: false });
    expect((await replies())[0]?.body).toMatch(
      /^@writer4: that Retry box was drawn after run 1, and run 3 has started since/,
    );
  });

  it("a box naming a work item the repository does not have is refused clearly", async () => {
    const ghost: DashboardTick = { action: "retry", workItemId: 999_999, runNumber: 1 };
    const before = render([ghost]);
    await deliver(edited(before, tick(before, ghost), { login: "writer5" }));
    expect(github.requests()).toEqual([]);
    expect((await replies())[0]?.body).toContain(
      "@writer5: that box names a work item this repository does not have",
    );
    expect(await kinds()).toEqual(["post_comment", "update_dashboard"]);
  });

  it("acts on at most ten boxes per edit and says so: pasted boxes cannot flood the thread", async () => {
    const ghosts = Array.from(
      { length: 25 },
      (_, i): DashboardTick => ({ action: "retry", workItemId: 900_000 + i, runNumber: 1 }),
    );
    const before = render(ghosts);
    await deliver(edited(before, tick(before, ...ghosts), { login: "flooder" }));
    const bodies = (await replies()).map((r) => r.body);
    expect(bodies).toHaveLength(11);
    expect(bodies.at(-1)).toBe(
      "@flooder: 25 boxes were ticked in one edit; only the first 10 were acted on. Tick the others again.",
    );
  });

  it("a redelivered tick merges once", async () => {
    permission("writer6", "write");
    const before = render([approveBox()]);
    const payload = edited(before, tick(before, approveBox()), { login: "writer6" });
    const id = "5e0d0c3a-0000-4000-8000-0000000da5b0";
    await Promise.all([deliver(payload, id), deliver(payload, id)]);
    await deliver(payload, id);
    expect(await db.sql`SELECT 1 FROM outbox WHERE kind = 'merge_pr'`).toHaveLength(1);
    expect(await decisions()).toHaveLength(1);
  });

  it.each([
    [
      "the app's own edit",
      () =>
        edited(render([approveBox()]), tick(render([approveBox()]), approveBox()), {
          login: "quantapilot[bot]",
          type: "Bot",
        }),
    ],
    [
      "another bot's edit",
      () =>
        edited(render([approveBox()]), tick(render([approveBox()]), approveBox()), {
          login: "renovate[bot]",
          type: "Bot",
        }),
    ],
    [
      "a bot account typed as a user",
      () =>
        edited(render([approveBox()]), tick(render([approveBox()]), approveBox()), {
          login: "helper[bot]",
        }),
    ],
    [
      "a look-alike issue a person wrote",
      () =>
        edited(
          render([approveBox()]),
          tick(render([approveBox()]), approveBox()),
          { login: "writer7" },
          "mallory",
        ),
    ],
    [
      "a title-only edit",
      () => edited(undefined, tick(render([approveBox()]), approveBox()), { login: "writer7" }),
    ],
    [
      "an edit of other text",
      () =>
        edited(render([approveBox()]), `${render([approveBox()])}\nhello`, { login: "writer7" }),
    ],
    [
      "a box pasted in already ticked",
      () => edited(render([]), tick(render([approveBox()]), approveBox()), { login: "writer7" }),
    ],
    [
      "an edit that unticks",
      () =>
        edited(tick(render([approveBox()]), approveBox()), render([approveBox()]), {
          login: "writer7",
        }),
    ],
  ])("ignores %s: no look-up, no change, no write", async (_name, payload) => {
    const reply = await deliver(payload());
    expect(reply.status).toBe(200);
    expect(github.requests()).toEqual([]);
    expect(await kinds()).toEqual([]);
    expect(await decisions()).toEqual([]);
    expect((await states())[0]).toMatchObject({ state: "awaiting_approval" });
  });

  it("refuses a payload without the issue with 400 and writes nothing", async () => {
    const { issue: _issue, ...broken } = edited("a", "b", { login: "writer8" });
    const reply = await deliver(broken);
    expect(reply.status).toBe(400);
    expect(await kinds()).toEqual([]);
  });
});
