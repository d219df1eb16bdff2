import examples from "@octokit/webhooks-examples/api.github.com/index.json" with { type: "json" };
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { DASHBOARD_BURST_MS } from "../../app/core/report/dashboard-redraw-delay.js";
import { queueDashboardUpdate } from "../../app/store/dashboard-updates.js";
import { claimDueEffects } from "../../app/store/outbox.js";
import { type AppWithProject, startAppWithProject } from "../helpers/app-with-project.js";
import type { TestDatabase } from "../helpers/database.js";
import { deliverWebhook } from "../helpers/deliver-webhook.js";
import { createGitHubNock, type GitHubNock } from "../helpers/github-nock.js";

type Example = Record<string, unknown> & {
  comment: Record<string, unknown> & { user: Record<string, unknown> };
  issue: Record<string, unknown>;
};
const commentExample = examples
  .find((group) => group.name === "issue_comment")
  ?.examples.find((example) => (example as { action?: string }).action === "created") as Example;
const REPO = "/repos/Codertocat/Hello-World";
const HEAD = "f95f852bd8fca8fcc58a9a2d6c842781e32a215e";
const PR = 2;
const STATUS_COMMENT = 7001;
const DASHBOARD = 60;

/** GitHub's real `issue_comment.created` on the work item's PR: `/approve` by `login`. */
function approveComment(id: number, login: string) {
  return {
    ...commentExample,
    installation: { id: 94 },
    issue: { ...commentExample.issue, number: PR, pull_request: { url: `https://x/pulls/${PR}` } },
    comment: {
      ...commentExample.comment,
      id,
      body: "/approve",
      user: { ...commentExample.comment.user, login, type: "User" },
    },
  };
}

describe("the dashboard's redraw waits for the rest of its burst", () => {
  let db: TestDatabase;
  let fixture: AppWithProject;
  let projectId = 0;

  beforeAll(async () => {
    fixture = await startAppWithProject({
      installationId: 94,
      account: "Codertocat",
      repoId: 186853002,
      owner: "Codertocat",
      name: "Hello-World",
    });
    db = fixture.db;
    projectId = Number((await db.sql`SELECT id FROM projects`)[0]?.id);
  });
  beforeEach(() => db.sql`TRUNCATE decisions, outbox, stage_runs, work_items CASCADE`);
  afterAll(() => fixture.close());

  // A pipeline change (waits, not forced) or a person's request (at once, forced).
  const queue = (cause: string, delayMs: number) =>
    db.sql.begin((tx) =>
      queueDashboardUpdate(tx, { projectId }, cause, { delayMs, force: delayMs === 0 }),
    );
  // How long from now each dashboard row is due, in whole seconds (negative: overdue).
  const dueIn = async () =>
    (
      await db.sql<{ s: number }[]>`
        SELECT round(extract(epoch FROM run_after - now()))::int AS s
        FROM outbox WHERE kind = 'update_dashboard' ORDER BY id`
    ).map((row) => row.s);
  const BURST_S = DASHBOARD_BURST_MS / 1000;

  it("keeps a pipeline change's redraw from workers until the burst ends", async () => {
    await queue("a", DASHBOARD_BURST_MS);
    expect(await dueIn()).toEqual([BURST_S]);
    expect(await claimDueEffects(db.sql, 10, 60_000)).toEqual([]);
  });

  it("joins later changes of the burst without postponing the redraw: a steady stream cannot starve it", async () => {
    await queue("a", DASHBOARD_BURST_MS);
    const [first] = await db.sql`SELECT run_after FROM outbox`;
    await queue("b", DASHBOARD_BURST_MS);
    await queue("c", DASHBOARD_BURST_MS);
    const rows = await db.sql`SELECT idempotency_key, run_after FROM outbox`;
    expect(rows).toEqual([
      { idempotency_key: `dashboard:${projectId}:a`, run_after: first?.run_after },
    ]);
  });

  it("writes no new row version when a joining change alters nothing", async () => {
    await queue("a", DASHBOARD_BURST_MS);
    const version = async () => (await db.sql`SELECT xmin::text AS v FROM outbox`)[0]?.v;
    const before = await version();
    await queue("b", DASHBOARD_BURST_MS);
    expect(await version()).toBe(before);
    await queue("reopened", 0);
    expect(await version()).not.toBe(before);
  });

  it("hurries a waiting redraw when a person asks for one: due at once", async () => {
    await queue("a", DASHBOARD_BURST_MS);
    await queue("reopened", 0);
    expect(await dueIn()).toEqual([0]);
    expect(await claimDueEffects(db.sql, 10, 60_000)).toHaveLength(1);
  });

  it("out of order: a pipeline change after a person's request leaves it due at once", async () => {
    await queue("ticked", 0);
    await queue("a", DASHBOARD_BURST_MS);
    expect(await dueIn()).toEqual([0]);
  });

  it("does not join or hurry a redraw a worker took: the next one waits behind it", async () => {
    await queue("a", 0);
    expect(await claimDueEffects(db.sql, 10, 60_000)).toHaveLength(1);
    await queue("b", DASHBOARD_BURST_MS);
    expect((await db.sql`SELECT attempts FROM outbox ORDER BY id`).map((r) => r.attempts)).toEqual([
      1, 0,
    ]);
    expect((await dueIn())[1]).toBe(BURST_S);
  });

  describe("an /approve, end to end", () => {
    let github: GitHubNock;
    beforeEach(async () => {
      github = createGitHubNock();
      await db.sql`UPDATE projects SET dashboard_issue_number = ${DASHBOARD}`;
      const [item] = await db.sql`
        INSERT INTO work_items (project_id, kind, issue_number, pr_number, title, branch, stage, state, head_sha, last_run_number, status_comment_id)
        VALUES (${projectId}, 'issue', 1, ${PR}, 'Fix', 'quantapilot/1-fix', 'review', 'awaiting_approval', ${HEAD}, 2, ${STATUS_COMMENT})
        RETURNING id`;
      await db.sql`
        INSERT INTO stage_runs (work_item_id, run_number, stage, status, usd_cap, completed_at)
        VALUES (${item?.id}, 2, 'review', 'succeeded', 5, now())`;
    });
    const work = async () => {
      while (((await fixture.app.server.worker?.runOnce()) ?? 0) > 0) {}
    };
    const sent = () =>
      github
        .requests()
        .map((r) => `${r.method} ${r.path.replace(REPO, "").replace(/\?.*$/, "")}`)
        .filter((line) => !line.endsWith("/access_tokens"));

    it("costs 4 REST calls (merge, branch, 👍, status comment); the dashboard is redrawn once when the burst ends", async () => {
      github
        .get(`${REPO}/collaborators/approver/permission`)
        .reply(200, { permission: "write", role_name: "write" });
      github
        .put(`${REPO}/pulls/${PR}/merge`, (b) => b.merge_method === "squash" && b.sha === HEAD)
        .reply(200, { sha: "1".repeat(40), merged: true, message: "Merged" });
      github.delete(`${REPO}/git/refs/heads%2Fquantapilot%2F1-fix`).reply(204);
      github
        .post(`${REPO}/issues/comments/8101/reactions`, (b) => b.content === "+1")
        .reply(201, { id: 1 });
      github.patch(`${REPO}/issues/comments/${STATUS_COMMENT}`).reply(200, { id: STATUS_COMMENT });
      const reply = await deliverWebhook(fixture.app.url, {
        event: "issue_comment",
        payload: approveComment(8101, "approver"),
      });
      expect(reply.body.outcome).toBe("processed");
      await work();
      github.expectDone();
      expect(sent()).toEqual([
        "GET /collaborators/approver/permission",
        `PUT /pulls/${PR}/merge`,
        "DELETE /git/refs/heads%2Fquantapilot%2F1-fix",
        "POST /issues/comments/8101/reactions",
        `PATCH /issues/comments/${STATUS_COMMENT}`,
      ]);
      // The approval and its merge share one waiting redraw, not yet due, untouched by failures.
      const waiting = await db.sql`
        SELECT status, attempts, last_error FROM outbox WHERE kind = 'update_dashboard'`;
      expect(waiting).toEqual([{ status: "pending", attempts: 0, last_error: null }]);
      // The burst is over: time passes, as the clock would.
      await db.sql`UPDATE outbox SET run_after = now() WHERE kind = 'update_dashboard'`;
      github.patch(`${REPO}/issues/${DASHBOARD}`).reply(200, { number: DASHBOARD });
      await work();
      github.expectDone();
      expect(sent().slice(5)).toEqual([`PATCH /issues/${DASHBOARD}`]);
      const left = await db.sql`SELECT kind FROM outbox WHERE status <> 'done'`;
      expect(left).toEqual([]);
    });

    it("a duplicate of the /approve delivery queues nothing more and calls GitHub for nothing", async () => {
      github
        .get(`${REPO}/collaborators/approver2/permission`)
        .reply(200, { permission: "write", role_name: "write" });
      const delivery = {
        event: "issue_comment",
        id: "burst-dup-1",
        payload: approveComment(8102, "approver2"),
      };
      await deliverWebhook(fixture.app.url, delivery);
      const before = await db.sql`SELECT id, run_after FROM outbox ORDER BY id`;
      const again = await deliverWebhook(fixture.app.url, delivery);
      expect(again.body.outcome).toBe("duplicate");
      expect(await db.sql`SELECT id, run_after FROM outbox ORDER BY id`).toEqual(before);
      github.expectDone();
    });
  });
});
