import examples from "@octokit/webhooks-examples/api.github.com/index.json" with { type: "json" };
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { type AppWithProject, startAppWithProject } from "../helpers/app-with-project.js";
import type { TestDatabase } from "../helpers/database.js";
import { deliverWebhook } from "../helpers/deliver-webhook.js";
import { createGitHubNock, type GitHubNock } from "../helpers/github-nock.js";
import type { TestServer } from "../helpers/test-server.js";

type Example = Record<string, unknown> & {
  comment: Record<string, unknown> & { user: Record<string, unknown> };
  issue: Record<string, unknown>;
};
const pick = (name: string, action: string) =>
  examples
    .find((group) => group.name === name)
    ?.examples.find((example) => (example as { action?: string }).action === action) as Example;
const commentExample = pick("issue_comment", "created");
const REPO = "/repos/Codertocat/Hello-World";
// The synchronize example moves PR #2 from BEFORE to AFTER.
const BEFORE = "f95f852bd8fca8fcc58a9a2d6c842781e32a215e";
const AFTER = "ec26c3e57ca3a959ca5aad62de7213c562f8c821";
const MERGED = "1".repeat(40);
const PR = 2;

let nextCommentId = 5000;

/** GitHub's real `issue_comment.created` on the work item's PR, by `login`. */
function comment(body: string, login: string, extra: Record<string, unknown> = {}) {
  return {
    ...commentExample,
    installation: { id: 93 },
    issue: { ...commentExample.issue, number: PR, pull_request: { url: `https://x/pulls/${PR}` } },
    comment: {
      ...commentExample.comment,
      id: nextCommentId++,
      body,
      user: { ...commentExample.comment.user, login, type: "User" },
      ...extra,
    },
  };
}

describe("each command from a comment, end to end", () => {
  let db: TestDatabase;
  let app: TestServer;
  let github: GitHubNock;
  let fixture: AppWithProject;

  beforeAll(async () => {
    fixture = await startAppWithProject({
      installationId: 93,
      account: "Codertocat",
      repoId: 186853002,
      owner: "Codertocat",
      name: "Hello-World",
    });
    ({ db, app } = fixture);
  });
  beforeEach(async () => {
    github = createGitHubNock();
    await db.sql`TRUNCATE decisions, outbox, stage_runs, work_items CASCADE`;
    const [item] = await db.sql`
      INSERT INTO work_items (project_id, kind, issue_number, pr_number, title, branch, stage, state, head_sha, last_run_number)
      SELECT id, 'issue', 1, ${PR}, 'Fix', 'quantapilot/1-fix', 'review', 'awaiting_approval', ${BEFORE}, 2 FROM projects
      RETURNING id`;
    await db.sql`
      INSERT INTO stage_runs (work_item_id, run_number, stage, status, usd_cap, completed_at)
      VALUES (${item?.id}, 2, 'review', 'succeeded', 5, now())`;
  });
  afterAll(() => fixture.close());

  const say = (body: string, login: string, extra?: Record<string, unknown>) =>
    deliverWebhook(app.url, { event: "issue_comment", payload: comment(body, login, extra) });
  const permission = (login: string, level: string) =>
    github
      .get(`${REPO}/collaborators/${login}/permission`)
      .reply(200, { permission: level, role_name: level });
  const item = async () =>
    (await db.sql`SELECT stage, state, held, approved_sha, head_sha FROM work_items`)[0];
  const kinds = async () => (await db.sql`SELECT kind FROM outbox ORDER BY id`).map((r) => r.kind);
  const replies = async () =>
    (await db.sql`SELECT payload FROM outbox WHERE kind = 'post_comment' ORDER BY id`).map((r) =>
      String(r.payload.body),
    );
  /** Performs only the queued effects of `kind`: the test looks at one effect's GitHub calls. */
  const perform = async (kind: string) => {
    await db.sql`UPDATE outbox SET status = 'done' WHERE kind <> ${kind} AND status = 'pending'`;
    await app.server.worker?.runOnce();
  };

  it("/approve merges: squash at the approved SHA, the work branch deleted, the item done", async () => {
    permission("approver1", "write");
    await say("/approve", "approver1");
    expect(await item()).toMatchObject({ state: "merging", approved_sha: BEFORE });
    // No read first: the merge carries the approved SHA.
    github
      .put(`${REPO}/pulls/${PR}/merge`, (b) => b.merge_method === "squash" && b.sha === BEFORE)
      .reply(200, { sha: MERGED, merged: true, message: "Pull Request successfully merged" });
    github.delete(`${REPO}/git/refs/heads%2Fquantapilot%2F1-fix`).reply(204);
    await perform("merge_pr");
    github.expectDone();
    expect(await item()).toMatchObject({ state: "done" });
  });

  /** Performs the queued effects of these kinds, in the outbox's order; the rest are set aside. */
  const performOnly = async (...only: string[]) => {
    await db.sql`UPDATE outbox SET status = 'done' WHERE kind <> ALL(${only}) AND status = 'pending'`;
    await app.server.worker?.runOnce();
  };
  const reactions = () =>
    github
      .requests()
      .filter((r) => r.path.endsWith("/reactions"))
      .map((r) => (r.body as { content: string }).content);
  const mergesAtOnce = () =>
    github
      .put(`${REPO}/pulls/${PR}/merge`)
      .reply(200, { sha: MERGED, merged: true, message: "Pull Request successfully merged" });
  const reactionOn = (commentId: number) =>
    github.post(`${REPO}/issues/comments/${commentId}/reactions`).reply(201, { id: 1 });

  it("/approve merged in the same drain gets 👍 alone: received and done in one", async () => {
    permission("acker1", "write");
    const commentId = nextCommentId;
    await say("/approve", "acker1");
    // Queued after everything the approval queued, so the outbox performs it after the merge.
    expect((await kinds()).at(-1)).toBe("acknowledge_merge");
    expect(await kinds()).not.toContain("react");
    mergesAtOnce();
    github.delete(`${REPO}/git/refs/heads%2Fquantapilot%2F1-fix`).reply(204);
    reactionOn(commentId);
    await performOnly("merge_pr", "acknowledge_merge");
    github.expectDone();
    expect(reactions()).toEqual(["+1"]);
    expect(await item()).toMatchObject({ state: "done" });
  });

  it("/approve whose merge waits for required checks: 👀 at once, 👍 once the checks pass and it merges", async () => {
    permission("acker2", "write");
    const commentId = nextCommentId;
    await say("/approve", "acker2");
    github
      .put(`${REPO}/pulls/${PR}/merge`)
      .reply(405, { message: "Required status checks are pending." });
    reactionOn(commentId);
    await performOnly("merge_pr", "acknowledge_merge");
    github.expectDone();
    expect(reactions()).toEqual(["eyes"]);
    // Polled again while the checks run: no request, and the 👀 is not repeated.
    await db.sql`UPDATE outbox SET run_after = now() WHERE kind = 'acknowledge_merge'`;
    await app.server.worker?.runOnce();
    expect(reactions()).toEqual(["eyes"]);
    // The checks pass: GitHub's check_suite.completed hurries the merge and its acknowledgement.
    const suite = pick("check_suite", "completed");
    const checks = {
      ...suite,
      installation: { id: 93 },
      check_suite: { ...(suite.check_suite as object), head_sha: BEFORE },
    };
    mergesAtOnce();
    github.delete(`${REPO}/git/refs/heads%2Fquantapilot%2F1-fix`).reply(204);
    reactionOn(commentId);
    await deliverWebhook(app.url, { event: "check_suite", payload: checks });
    await app.server.worker?.runOnce();
    github.expectDone();
    expect(reactions()).toEqual(["eyes", "+1"]);
    expect(await item()).toMatchObject({ state: "done" });
    const pending =
      await db.sql`SELECT kind FROM outbox WHERE status = 'pending' AND kind IN ('merge_pr', 'acknowledge_merge')`;
    expect(pending).toEqual([]);
  });

  it("/approve whose merge GitHub refuses for good gets 👀; the reply says why, no 👍", async () => {
    permission("acker3", "write");
    const commentId = nextCommentId;
    await say("/approve", "acker3");
    github
      .put(`${REPO}/pulls/${PR}/merge`)
      .reply(405, { message: "Pull Request is not mergeable" });
    github.get(`${REPO}/pulls/${PR}`).reply(200, {
      number: PR,
      state: "open",
      merged: false,
      merge_commit_sha: null,
      head: { sha: BEFORE, ref: "quantapilot/1-fix" },
    });
    reactionOn(commentId);
    await performOnly("merge_pr", "acknowledge_merge");
    github.expectDone();
    expect(reactions()).toEqual(["eyes"]);
    expect(await item()).toMatchObject({ state: "awaiting_approval", approved_sha: null });
    const [reply] = await db.sql`SELECT payload FROM outbox WHERE kind = 'reply'`;
    expect(String(reply?.payload.effect.body)).toMatch(
      /blocked: GitHub refused it: Pull Request is not mergeable/,
    );
  });

  it("a repository that deletes head branches on merge: the merge makes no DELETE", async () => {
    const review = pick("pull_request_review", "submitted");
    const pull = review.pull_request as { base: { repo: Record<string, unknown> } };
    const commented = (setting: unknown) => ({
      ...review,
      installation: { id: 93 },
      review: { ...(review.review as object), state: "commented" },
      pull_request: {
        ...pull,
        base: { ...pull.base, repo: { ...pull.base.repo, delete_branch_on_merge: setting } },
      },
    });
    const setting = async () =>
      (await db.sql`SELECT delete_branch_on_merge FROM projects`)[0]?.delete_branch_on_merge;
    try {
      await deliverWebhook(app.url, { event: "pull_request_review", payload: commented(true) });
      expect(await setting()).toBe(true);
      // A malformed setting is no evidence either way: the last one stands.
      await deliverWebhook(app.url, { event: "pull_request_review", payload: commented("yes") });
      expect(await setting()).toBe(true);
      permission("acker4", "write");
      const commentId = nextCommentId;
      await say("/approve", "acker4");
      mergesAtOnce();
      reactionOn(commentId);
      await performOnly("merge_pr", "acknowledge_merge");
      github.expectDone();
      expect(github.requests().map((r) => r.method)).toEqual(["GET", "PUT", "POST"]);
      expect(await item()).toMatchObject({ state: "done" });
    } finally {
      await db.sql`UPDATE projects SET delete_branch_on_merge = NULL`;
    }
  });

  it("/approve followed by a push that changes the tree does not merge", async () => {
    permission("approver2", "write");
    await say("/approve", "approver2");
    github
      .get(`${REPO}/git/commits/${BEFORE}`)
      .reply(200, { sha: BEFORE, tree: { sha: "t1" }, message: "m" });
    github
      .get(`${REPO}/git/commits/${AFTER}`)
      .reply(200, { sha: AFTER, tree: { sha: "t2" }, message: "m" });
    const synchronize = { ...pick("pull_request", "synchronize"), installation: { id: 93 } };
    await deliverWebhook(app.url, { event: "pull_request", payload: synchronize });
    expect(await item()).toMatchObject({ head_sha: AFTER, approved_sha: null });
    // GitHub refuses a merge at the old head; the PR is read to say why.
    github
      .put(`${REPO}/pulls/${PR}/merge`, (b) => b.sha === BEFORE)
      .reply(409, { message: "Head branch was modified. Review and try the merge again." });
    github.get(`${REPO}/pulls/${PR}`).reply(200, {
      number: PR,
      state: "open",
      merged: false,
      merge_commit_sha: null,
      head: { sha: AFTER, ref: "quantapilot/1-fix" },
    });
    await perform("merge_pr");
    github.expectDone();
    const puts = github.requests().filter((r) => r.method === "PUT");
    expect(puts.map((r) => (r.body as { sha?: string }).sha)).toEqual([BEFORE]);
    expect(await item()).toMatchObject({ state: "awaiting_approval", approved_sha: null });
  });

  it("/approve <sha> naming an outdated commit is refused, recorded, and explained", async () => {
    permission("approver3", "write");
    await say(`/approve ${AFTER.slice(0, 7)}`, "approver3");
    expect(await item()).toMatchObject({ state: "awaiting_approval", approved_sha: null });
    expect((await replies()).at(-1)).toBe(
      "@approver3: ec26c3e is not the PR head (f95f852): approve the current head",
    );
    const [decision] = await db.sql`SELECT command, sha, accepted FROM decisions`;
    expect(decision).toEqual({ command: "approve", sha: AFTER.slice(0, 7), accepted: false });
    expect(await kinds()).not.toContain("merge_pr");
  });

  it("/approve from two approvers at once, and a redelivered /approve, merge once", async () => {
    permission("approver4", "write");
    permission("approver5", "admin");
    const twice = comment("/approve", "approver4");
    const id = "0c0ffee0-0000-4000-8000-00000000a55e";
    await Promise.all([
      deliverWebhook(app.url, { event: "issue_comment", id, payload: twice }),
      deliverWebhook(app.url, { event: "issue_comment", id, payload: twice }),
      say("/approve", "approver5"),
    ]);
    await deliverWebhook(app.url, { event: "issue_comment", id, payload: twice });
    expect((await kinds()).filter((kind) => kind === "merge_pr")).toHaveLength(1);
  });

  it("/hold stops the merge an approval would start; /hold cancel lets it happen", async () => {
    permission("holder", "write");
    await say("/hold", "holder");
    await say("/approve", "holder");
    expect(await item()).toMatchObject({
      held: true,
      approved_sha: BEFORE,
      state: "awaiting_approval",
    });
    expect(await kinds()).not.toContain("merge_pr");
    await say("/hold cancel", "holder");
    expect(await item()).toMatchObject({ held: false, state: "merging" });
    expect((await kinds()).filter((kind) => kind === "merge_pr")).toHaveLength(1);
    const decisions = await db.sql`SELECT command, args, accepted FROM decisions ORDER BY id`;
    expect(decisions.map((d) => [d.command, d.args, d.accepted])).toEqual([
      ["hold", "/hold", true],
      ["approve", "/approve", true],
      ["hold", "/hold cancel", true],
    ]);
  });

  it("/approve cancel withdraws an approval a hold kept from acting", async () => {
    permission("withdrawer", "write");
    await say("/hold\n/approve\n/approve cancel", "withdrawer");
    expect(await item()).toMatchObject({ held: true, approved_sha: null });
  });

  it("/reject sends the work back to implement with the reason as feedback and a new run", async () => {
    permission("rejecter", "write");
    await say("/reject The empty input case crashes.", "rejecter");
    const [row] = await db.sql`SELECT stage, state, feedback FROM work_items`;
    expect(row).toMatchObject({ stage: "implement", state: "running" });
    expect(row?.feedback).toEqual([
      expect.objectContaining({ actor: "rejecter", body: "The empty input case crashes." }),
    ]);
    const runs = await db.sql`SELECT run_number, stage, status FROM stage_runs ORDER BY run_number`;
    expect(runs.at(-1)).toEqual({ run_number: 3, stage: "implement", status: "queued" });
  });

  it("/retry test opens a new run of that stage", async () => {
    permission("retrier", "write");
    await say("/retry test", "retrier");
    const runs = await db.sql`SELECT run_number, stage, status FROM stage_runs ORDER BY run_number`;
    expect(runs.at(-1)).toEqual({ run_number: 3, stage: "test", status: "queued" });
    expect(await item()).toMatchObject({ stage: "test", state: "running", approved_sha: null });
  });

  it("/cancel ends the item and cancels the running workflow run", async () => {
    await db.sql`UPDATE work_items SET state = 'running', last_run_number = 3`;
    await db.sql`
      INSERT INTO stage_runs (work_item_id, run_number, stage, status, usd_cap, workflow_run_id)
      SELECT id, 3, 'review', 'in_progress', 5, 30433642 FROM work_items`;
    permission("canceller", "write");
    await say("/cancel", "canceller");
    expect(await item()).toMatchObject({ state: "cancelled" });
    github.post(`${REPO}/actions/runs/30433642/cancel`).reply(202, {});
    await perform("cancel_workflow_run");
    github.expectDone();
    const [run] = await db.sql`SELECT status FROM stage_runs WHERE run_number = 3`;
    expect(run?.status).toBe("cancelled");
  });

  it("/help on a finished work item lists only the commands that report", async () => {
    await db.sql`UPDATE work_items SET state = 'done'`;
    permission("helper", "read");
    await say("/help", "helper");
    const help = (await replies()).at(-1) ?? "";
    expect(help).toContain("`/status`");
    expect(help).toContain("`/budget`");
    expect(help).not.toContain("`/approve");
    expect(help).not.toContain("`/retry");
    expect(help).toContain("Only commands that report are listed");
  });

  it("/help on open work lists every command with who may use it", async () => {
    permission("helper2", "read");
    await say("/help", "helper2");
    const help = (await replies()).at(-1) ?? "";
    for (const name of [
      "approve",
      "reject",
      "retry",
      "hold",
      "cancel",
      "status",
      "budget",
      "help",
    ]) {
      expect(help).toContain(`\`/${name}`);
    }
  });

  it("/budget answers with spend against the budget", async () => {
    permission("counter", "read");
    await say("/budget", "counter");
    expect((await replies()).at(-1)).toMatch(/^@counter: /);
    expect((await replies()).at(-1)).toContain("$");
  });

  it.each([
    ["a reader", "read"],
    ["an outside contributor", "none"],
  ])("%s changes nothing: the refusal reply is the only GitHub write", async (_who, level) => {
    const login = `drive-by-${level}`;
    if (level === "none")
      github.get(`${REPO}/collaborators/${login}/permission`).reply(404, { message: "Not Found" });
    else permission(login, level);
    await say("/approve\n/cancel", login);
    expect(await item()).toMatchObject({ state: "awaiting_approval", approved_sha: null });
    expect(await kinds()).toEqual(["post_comment", "post_comment"]);
    expect(await db.sql`SELECT 1 FROM decisions`).toHaveLength(0);
    github.get(`${REPO}/issues/${PR}/comments`).query(true).times(2).reply(200, []);
    github.post(`${REPO}/issues/${PR}/comments`).times(2).reply(201, { id: 1 });
    await app.server.worker?.runOnce();
    github.expectDone();
    const writes = github.requests().filter((r) => r.method !== "GET");
    expect(writes.map((r) => `${r.method} ${r.path}`)).toEqual([
      `POST ${REPO}/issues/${PR}/comments`,
      `POST ${REPO}/issues/${PR}/comments`,
    ]);
  });

  it.each([
    [
      "the app itself",
      "quantapilot[bot]",
      { user: { login: "quantapilot[bot]", id: 9, type: "Bot" } },
    ],
    [
      "a comment the app wrote for a person",
      "writer",
      { performed_via_github_app: { slug: "quantapilot" } },
    ],
    ["another bot", "dependabot[bot]", { user: { login: "dependabot[bot]", id: 8, type: "Bot" } }],
  ])("%s changes nothing and nothing is asked of GitHub", async (_who, login, extra) => {
    await say("/approve", login, extra);
    expect(github.requests()).toEqual([]);
    expect(await kinds()).toEqual([]);
    expect(await item()).toMatchObject({ state: "awaiting_approval", approved_sha: null });
  });
});
