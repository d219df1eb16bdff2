import { randomUUID } from "node:crypto";
import examples from "@octokit/webhooks-examples/api.github.com/index.json" with { type: "json" };
import nock from "nock";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { DASHBOARD_BURST_MS } from "../../app/core/report/dashboard-redraw-delay.js";
import { nockDashboardCreated } from "../helpers/dashboard-nock.js";
import { createTestDatabase, type TestDatabase } from "../helpers/database.js";
import { deliverWebhook } from "../helpers/deliver-webhook.js";
import { createGitHubNock, type GitHubNock } from "../helpers/github-nock.js";
import { startTestServer, type TestServer } from "../helpers/test-server.js";

const labeledExample = examples
  .find((group) => group.name === "issues")
  ?.examples.find((example) => (example as { action?: string }).action === "labeled") as Record<
  string,
  unknown
> & {
  repository: { id: number; name: string; owner: { login: string } };
  issue: { number: number; title: string };
};
const REPO = "/repos/Codertocat/Hello-World";

/** GitHub's real `issues.labeled` payload, labelled `label` by `sender`, for installation 77. */
function labeled(label: string, sender = { login: "Codertocat", id: 21031067, type: "User" }) {
  return {
    ...labeledExample,
    label: { ...(labeledExample.label as object), name: label },
    sender,
    installation: { id: 77 },
  };
}

describe("a stage label on an issue", () => {
  let db: TestDatabase;
  let app: TestServer;
  let github: GitHubNock;

  beforeAll(async () => {
    nock.disableNetConnect();
    nock.enableNetConnect("127.0.0.1");
    db = await createTestDatabase();
    app = await startTestServer(db.url);
    // The installation token, asked for once: Probot caches it.
    createGitHubNock()
      .post("/app/installations/77/access_tokens")
      .reply(201, { token: "ghs_test", expires_at: "2099-01-01T00:00:00Z" });
    await db.sql`INSERT INTO installations (id, account_login, account_type) VALUES (77, 'Codertocat', 'User')`;
    await db.sql`
      INSERT INTO projects (installation_id, repo_id, owner, name, default_branch, status)
      VALUES (77, ${labeledExample.repository.id}, 'Codertocat', 'Hello-World', 'main', 'active')`;
  });
  beforeEach(() => {
    github = createGitHubNock();
  });
  afterEach(async () => {
    await db.sql`TRUNCATE outbox, decisions, stage_runs, work_items CASCADE`;
  });
  afterAll(async () => {
    nock.cleanAll();
    await app.stop();
    await db.drop();
    nock.enableNetConnect();
  });

  // Each test labels as its own user: answers are cached per (repo, user) for a minute.
  const permission = (login: string, level: string) =>
    github
      .get(`${REPO}/collaborators/${login}/permission`)
      .reply(200, { permission: level, role_name: level, user: { login } });
  const user = (login: string) => ({ login, id: 1000, type: "User" });

  it("starts the work item at that stage for a writer, queueing its check run and dispatch", async () => {
    permission("Codertocat", "write");
    const reply = await deliverWebhook(app.url, {
      event: "issues",
      payload: labeled("quantapilot:implement"),
    });
    expect(reply.body.outcome).toBe("processed");
    github.expectDone();
    const [item] = await db.sql`SELECT id, stage, state, branch, last_run_number FROM work_items`;
    expect(item).toMatchObject({ stage: "implement", state: "running", last_run_number: 1 });
    expect(item?.branch).toBe("quantapilot/1-spelling-error-in-the-readme-file");
    const runs = await db.sql`SELECT run_number, stage, status, usd_cap FROM stage_runs`;
    expect(runs).toEqual([
      { run_number: 1, stage: "implement", status: "queued", usd_cap: "5.000000" },
    ]);
    const effects = await db.sql`SELECT kind FROM outbox ORDER BY id`;
    expect(effects.map((row) => row.kind)).toEqual([
      "create_check_run",
      "dispatch_stage",
      "update_status_comment",
      "update_dashboard",
    ]);
    const [decision] =
      await db.sql`SELECT actor_login, command, args, source, accepted FROM decisions`;
    expect(decision).toEqual({
      actor_login: "Codertocat",
      command: "label",
      args: "quantapilot:implement",
      source: "label",
      accepted: true,
    });
  });

  it("performs the queued effects: a queued check run, the dispatch with a valid spec, the status comment", async () => {
    permission("starter", "write");
    const HEAD = "f".repeat(40);
    github
      .get(`${REPO}/git/ref/heads%2Fmaster`)
      .times(2)
      .reply(200, { ref: "refs/heads/master", object: { sha: HEAD, type: "commit" } });
    // A first attempt creates the check run without searching for one.
    github
      .post(
        `${REPO}/check-runs`,
        (body) => body.name === "QuantaPilot / implement" && body.status === "queued",
      )
      .reply(201, { id: 777 });
    github.get(`${REPO}/issues/1`).reply(200, {
      number: 1,
      title: "Spelling error in the README file",
      body: "Fix it.",
      html_url: "https://github.com/Codertocat/Hello-World/issues/1",
      state: "open",
    });
    let spec: Record<string, unknown> = {};
    github
      .post(`${REPO}/actions/workflows/quantapilot.yml/dispatches`, (body) => {
        spec = JSON.parse(body.inputs.spec);
        return body.ref === "master";
      })
      .reply(204);
    github.get(`${REPO}/issues/1/comments`).query(true).reply(200, []);
    github
      .post(`${REPO}/issues/1/comments`, (body) =>
        String(body.body).includes("quantapilot:status:"),
      )
      .reply(201, { id: 888, body: "", user: { login: "quantapilot[bot]", type: "Bot" } });
    const pin = nockDashboardCreated(github, REPO);
    await db.sql`UPDATE projects SET default_branch = 'master'`;
    await deliverWebhook(app.url, {
      event: "issues",
      payload: labeled("quantapilot:implement", user("starter")),
    });
    await app.server.worker?.runOnce();
    const outbox = () => db.sql`SELECT kind, status, last_error FROM outbox ORDER BY id`;
    const done = (kind: string) => ({ kind, status: "done", last_error: null });
    // The dashboard's redraw waits for the rest of the burst; the item's own effects do not.
    expect(await outbox()).toEqual([
      done("create_check_run"),
      done("dispatch_stage"),
      done("update_status_comment"),
      { kind: "update_dashboard", status: "pending", last_error: null },
    ]);
    const [waiting] = await db.sql`
      SELECT (extract(epoch FROM run_after - created_at) * 1000)::int AS ms, attempts
      FROM outbox WHERE kind = 'update_dashboard'`;
    expect(waiting).toEqual({ ms: DASHBOARD_BURST_MS, attempts: 0 });
    expect(pin.calls()).toEqual([]);
    expect(github.requests().some((r) => /\/issues(\?|$)/.test(r.path))).toBe(false);
    // The burst is over: time passes, as the clock would.
    await db.sql`UPDATE outbox SET run_after = now() WHERE kind = 'update_dashboard'`;
    await app.server.worker?.runOnce();
    expect(await outbox()).toEqual([
      done("create_check_run"),
      done("dispatch_stage"),
      done("update_status_comment"),
      done("update_dashboard"),
    ]);
    github.expectDone();
    pin.expectDone();
    expect(spec).toMatchObject({
      version: 1,
      stage: "implement",
      role: "developer",
      base_sha: HEAD,
      work_branch: "quantapilot/1-spelling-error-in-the-readme-file",
    });
    const [run] = await db.sql`SELECT check_run_id, status, base_sha FROM stage_runs`;
    expect(run).toEqual({ check_run_id: "777", status: "dispatched", base_sha: HEAD });
  });

  it("ignores labels that start nothing, on PRs, and from bots — asking GitHub nothing", async () => {
    await deliverWebhook(app.url, { event: "issues", payload: labeled("bug") });
    await deliverWebhook(app.url, {
      event: "issues",
      payload: labeled("quantapilot:implement", { login: "renovate[bot]", id: 2, type: "Bot" }),
    });
    const onPr = labeled("quantapilot:implement");
    await deliverWebhook(app.url, {
      event: "issues",
      payload: { ...onPr, issue: { ...onPr.issue, pull_request: {} } },
    });
    expect(github.requests().filter((request) => !request.path.endsWith("/access_tokens"))).toEqual(
      [],
    );
    expect(await db.sql`SELECT 1 FROM work_items`).toHaveLength(0);
  });

  it("refuses a reader with a reply naming the levels, and changes nothing else", async () => {
    permission("reader", "read");
    github
      .post("/app/installations/77/access_tokens")
      .reply(201, { token: "ghs_test", expires_at: "2099-01-01T00:00:00Z" });
    github.get(`${REPO}/issues/1/comments`).query(true).reply(200, []);
    github.post(`${REPO}/issues/1/comments`).reply(201, { id: 1 });
    const id = randomUUID();
    const reply = await deliverWebhook(app.url, {
      event: "issues",
      id,
      payload: labeled("quantapilot:implement", user("reader")),
    });
    expect(reply.body.outcome).toBe("processed");
    const commentEffect = () =>
      db.sql`SELECT status, last_error FROM outbox WHERE kind = 'post_comment'`;
    await app.server.worker?.runOnce();
    expect(await commentEffect()).toEqual([{ status: "done", last_error: null }]);
    github.assertAllRequestsValid();
    expect(
      github.requests().map((request) => `${request.method} ${request.path.split("?")[0]}`),
    ).toEqual([
      `GET ${REPO}/collaborators/reader/permission`,
      `GET ${REPO}/issues/1/comments`,
      `POST ${REPO}/issues/1/comments`,
    ]);
    const posted = github
      .requests()
      .find((request) => request.method === "POST" && request.path.endsWith("/comments"));
    expect((posted?.body as { body?: string } | undefined)?.body).toMatch(
      /^@reader: starting QuantaPilot's implement stage needs write permission on this repository; you have read\. Nothing was started\.\n<!-- quantapilot:comment:comment:/,
    );
    expect(await db.sql`SELECT 1 FROM work_items`).toHaveLength(0);
  });

  it("is applied once when the same delivery comes twice", async () => {
    permission("admin-user", "admin");
    const id = randomUUID();
    const payload = labeled("quantapilot:implement", user("admin-user"));
    await deliverWebhook(app.url, { event: "issues", id, payload });
    const again = await deliverWebhook(app.url, { event: "issues", id, payload });
    expect(again.body.outcome).toBe("duplicate");
    expect(await db.sql`SELECT 1 FROM stage_runs`).toHaveLength(1);
    expect(await db.sql`SELECT 1 FROM outbox WHERE kind = 'dispatch_stage'`).toHaveLength(1);
  });

  it("records a refused start as a decision with its reason and tells the labeller, changing nothing else", async () => {
    permission("busy-writer", "write");
    const payload = (label: string) => labeled(label, user("busy-writer"));
    await deliverWebhook(app.url, { event: "issues", payload: payload("quantapilot:implement") });
    const second = await deliverWebhook(app.url, {
      event: "issues",
      payload: payload("quantapilot:test"),
    });
    expect(second.body.outcome).toBe("processed");
    const decisions = await db.sql`SELECT args, accepted, reason FROM decisions ORDER BY id`;
    expect(decisions).toHaveLength(2);
    expect(decisions[0]).toEqual({ args: "quantapilot:implement", accepted: true, reason: null });
    expect(decisions[1]).toMatchObject({ args: "quantapilot:test", accepted: false });
    const reason = String(decisions[1]?.reason);
    expect(reason.length).toBeGreaterThan(0);
    const [comment] = await db.sql`SELECT payload FROM outbox WHERE kind = 'post_comment'`;
    expect(comment?.payload.body).toBe(`@busy-writer: could not start test: ${reason}`);
    const [item] = await db.sql`SELECT stage, state FROM work_items`;
    expect(item).toEqual({ stage: "implement", state: "running" });
    expect(await db.sql`SELECT 1 FROM stage_runs`).toHaveLength(1);
  });

  it("stores an issue's work item when its first label is refused, so the decision names it", async () => {
    permission("paused-writer", "write");
    await db.sql`UPDATE projects SET status = 'paused'`;
    try {
      const reply = await deliverWebhook(app.url, {
        event: "issues",
        payload: labeled("quantapilot:implement", user("paused-writer")),
      });
      expect(reply.body.outcome).toBe("processed");
      const items =
        await db.sql`SELECT id, issue_number, stage, state, last_run_number FROM work_items`;
      expect(items).toEqual([
        {
          id: expect.any(String),
          issue_number: labeledExample.issue.number,
          stage: "implement",
          state: "queued",
          last_run_number: 0,
        },
      ]);
      const [decision] = await db.sql`SELECT work_item_id, accepted, reason FROM decisions`;
      expect(decision).toMatchObject({ work_item_id: items[0]?.id, accepted: false });
      expect(String(decision?.reason)).toMatch(/^nothing can start: /);
      expect(await db.sql`SELECT 1 FROM stage_runs`).toHaveLength(0);
      expect(await db.sql`SELECT kind FROM outbox`).toEqual([{ kind: "post_comment" }]);
    } finally {
      await db.sql`UPDATE projects SET status = 'active'`;
    }
  });

  it("creates one work item when two stage labels on a new issue arrive together", async () => {
    github
      .get(`${REPO}/collaborators/twin-writer/permission`)
      .times(2)
      .reply(200, { permission: "write", role_name: "write", user: { login: "twin-writer" } });
    const replies = await Promise.all(
      ["quantapilot:implement", "quantapilot:test"].map((label) =>
        deliverWebhook(app.url, { event: "issues", payload: labeled(label, user("twin-writer")) }),
      ),
    );
    expect(replies.map((reply) => reply.body.outcome)).toEqual(["processed", "processed"]);
    const items = await db.sql`SELECT id, state FROM work_items`;
    expect(items).toHaveLength(1);
    const decisions = await db.sql`SELECT work_item_id, accepted FROM decisions ORDER BY accepted`;
    expect(decisions).toEqual([
      { work_item_id: items[0]?.id, accepted: false },
      { work_item_id: items[0]?.id, accepted: true },
    ]);
    expect(await db.sql`SELECT 1 FROM stage_runs`).toHaveLength(1);
  });

  it("decides labels that arrive together on one project in turn, against one budget", async () => {
    // Room for two $5 runs: the third start must see the first two's reservations,
    // though the ingest sends each delivery's reads right behind the previous one's writes.
    await db.sql`UPDATE projects SET budget_usd = 12`;
    try {
      github
        .get(`${REPO}/collaborators/budget-writer/permission`)
        .times(3)
        .reply(200, { permission: "write", role_name: "write", user: { login: "budget-writer" } });
      const onIssue = (number: number) => ({
        ...labeled("quantapilot:implement", user("budget-writer")),
        issue: { ...labeledExample.issue, number, title: `Issue ${number}` },
      });
      const replies = await Promise.all(
        [11, 12, 13].map((number) =>
          deliverWebhook(app.url, { event: "issues", payload: onIssue(number) }),
        ),
      );
      expect(replies.map((reply) => reply.body.outcome)).toEqual([
        "processed",
        "processed",
        "processed",
      ]);
      const runs = await db.sql`SELECT usd_cap FROM stage_runs`;
      expect(runs.map((run) => run.usd_cap)).toEqual(["5.000000", "5.000000"]);
      const [project] = await db.sql`SELECT reserved_usd FROM projects`;
      expect(project?.reserved_usd).toBe("10.000000");
      const refused = await db.sql`SELECT kind FROM outbox WHERE kind = 'notify_budget_exhausted'`;
      expect(refused).toHaveLength(1);
    } finally {
      await db.sql`UPDATE projects SET budget_usd = NULL`;
    }
  });
});
