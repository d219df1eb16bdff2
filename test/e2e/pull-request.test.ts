import examples from "@octokit/webhooks-examples/api.github.com/index.json" with { type: "json" };
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { type AppWithProject, startAppWithProject } from "../helpers/app-with-project.js";
import type { TestDatabase } from "../helpers/database.js";
import { deliverWebhook } from "../helpers/deliver-webhook.js";
import { createGitHubNock, type GitHubNock } from "../helpers/github-nock.js";
import type { TestServer } from "../helpers/test-server.js";

type Example = Record<string, unknown> & { pull_request: Record<string, unknown> };
const pick = (action: string) =>
  examples
    .find((group) => group.name === "pull_request")
    ?.examples.find((example) => (example as { action?: string }).action === action) as Example;
const BEFORE = "f95f852bd8fca8fcc58a9a2d6c842781e32a215e";
const headOf = (payload: Example) => payload.pull_request.head as Record<string, unknown>;
const AFTER = "ec26c3e57ca3a959ca5aad62de7213c562f8c821";
const REPO = "/repos/Codertocat/Hello-World";

describe("the work item's pull request", () => {
  let db: TestDatabase;
  let app: TestServer;
  let github: GitHubNock;

  let fixture: AppWithProject;
  beforeAll(async () => {
    fixture = await startAppWithProject({
      installationId: 82,
      account: "Codertocat",
      accountType: "User",
      repoId: 186853002,
      owner: "Codertocat",
      name: "Hello-World",
      defaultBranch: "main",
    });
    ({ db, app } = fixture);
  });
  beforeEach(async () => {
    github = createGitHubNock();
    await db.sql`TRUNCATE outbox, stage_runs, work_items CASCADE`;
    await db.sql`
      INSERT INTO work_items (project_id, kind, issue_number, pr_number, title, branch, stage, state,
                              head_sha, approved_sha, last_run_number)
      SELECT id, 'issue', 1, 2, 'Fix', 'quantapilot/1-fix', 'review', 'awaiting_approval', ${BEFORE}, ${BEFORE}, 3
      FROM projects`;
  });
  afterAll(() => fixture.close());

  const synchronize = { ...pick("synchronize"), installation: { id: 82 } };
  const commit = (sha: string, tree: string) =>
    github.get(`${REPO}/git/commits/${sha}`).reply(200, { sha, tree: { sha: tree }, message: "m" });
  const item = async () => (await db.sql`SELECT state, head_sha, approved_sha FROM work_items`)[0];

  it("a push that changes the tree voids the approval", async () => {
    commit(BEFORE, "tree-1");
    commit(AFTER, "tree-2");
    await deliverWebhook(app.url, { event: "pull_request", payload: synchronize });
    github.expectDone();
    expect(await item()).toMatchObject({ head_sha: AFTER, approved_sha: null });
  });

  it("a push with the same tree keeps the approval and merges at the new head", async () => {
    await db.sql`UPDATE work_items SET state = 'merging'`;
    commit(BEFORE, "tree-1");
    commit(AFTER, "tree-1");
    await deliverWebhook(app.url, { event: "pull_request", payload: synchronize });
    expect(await item()).toMatchObject({ head_sha: AFTER, approved_sha: AFTER });
    const merges = await db.sql`SELECT payload FROM outbox WHERE kind = 'merge_pr'`;
    expect(merges.map((row) => row.payload.effect.expectedHeadSha)).toEqual([AFTER]);
  });

  const NEWER = "c".repeat(40);
  const push = (before: string, after: string) => ({
    ...synchronize,
    before,
    after,
    pull_request: { ...synchronize.pull_request, head: { ...headOf(synchronize), sha: after } },
  });
  const prHead = (sha: string) =>
    github
      .get(`${REPO}/pulls/2`)
      .reply(200, { number: 2, head: { sha, ref: "quantapilot/1-fix" } });

  it("out of order: the newer push applies first, the older one that follows never moves the head back", async () => {
    prHead(NEWER);
    commit(BEFORE, "tree-1");
    commit(NEWER, "tree-3");
    await deliverWebhook(app.url, { event: "pull_request", payload: push(AFTER, NEWER) });
    github.expectDone();
    expect(await item()).toMatchObject({ head_sha: NEWER, approved_sha: null });
    const replies = await db.sql`SELECT count(*)::int AS n FROM outbox WHERE kind = 'reply'`;

    // The older push (BEFORE → AFTER) arrives late: the PR's head says it is stale.
    github = createGitHubNock();
    prHead(NEWER);
    const late = await deliverWebhook(app.url, {
      event: "pull_request",
      payload: push(BEFORE, AFTER),
    });
    expect(late.status).toBe(200);
    github.expectDone();
    expect(github.requests().map((r) => `${r.method} ${r.path}`)).toEqual([`GET ${REPO}/pulls/2`]);
    expect(await item()).toMatchObject({ head_sha: NEWER, approved_sha: null });
    expect(await db.sql`SELECT count(*)::int AS n FROM outbox WHERE kind = 'reply'`).toEqual(
      replies,
    );
  });

  it("out of order with an unchanged tree: the approval moves from the head we held to the newest", async () => {
    prHead(NEWER);
    commit(BEFORE, "tree-1");
    commit(NEWER, "tree-1");
    await deliverWebhook(app.url, { event: "pull_request", payload: push(AFTER, NEWER) });
    github.expectDone();
    expect(await item()).toMatchObject({ head_sha: NEWER, approved_sha: NEWER });
  });

  it("a push a later force-push replaced is ignored", async () => {
    prHead(NEWER);
    await deliverWebhook(app.url, { event: "pull_request", payload: push(AFTER, "d".repeat(40)) });
    github.expectDone();
    expect(await item()).toMatchObject({ head_sha: BEFORE, approved_sha: BEFORE });
  });

  it("a second delivery of the applied push (or of the app's own commit) asks GitHub nothing", async () => {
    await db.sql`UPDATE work_items SET head_sha = ${AFTER}`;
    const reply = await deliverWebhook(app.url, { event: "pull_request", payload: synchronize });
    expect(reply.status).toBe(200);
    github.expectDone();
    expect(github.requests()).toEqual([]);
    expect(await item()).toMatchObject({ head_sha: AFTER, approved_sha: BEFORE });
  });

  it("a push with a malformed SHA is refused with 400 and changes nothing", async () => {
    const reply = await deliverWebhook(app.url, {
      event: "pull_request",
      payload: push(BEFORE, "not-a-sha"),
    });
    expect(reply.status).toBe(400);
    expect(github.requests()).toEqual([]);
    expect(await item()).toMatchObject({ head_sha: BEFORE, approved_sha: BEFORE });
  });

  it("a push to a pull request that is no work item's is ignored", async () => {
    const base = push(BEFORE, NEWER);
    const other = { ...base, number: 99, pull_request: { ...base.pull_request, number: 99 } };
    await deliverWebhook(app.url, { event: "pull_request", payload: other });
    expect(github.requests()).toEqual([]);
    expect(await item()).toMatchObject({ head_sha: BEFORE });
  });

  it("an unsigned push is refused and changes nothing", async () => {
    const reply = await deliverWebhook(app.url, {
      event: "pull_request",
      payload: push(BEFORE, NEWER),
      signature: `sha256=${"0".repeat(64)}`,
    });
    expect(reply.status).toBe(401);
    expect(await item()).toMatchObject({ head_sha: BEFORE });
  });

  it("a merge moves the pipeline on; closing without merging does not", async () => {
    const closed = pick("closed");
    await deliverWebhook(app.url, {
      event: "pull_request",
      payload: { ...closed, installation: { id: 82 } },
    });
    expect((await item())?.state).toBe("awaiting_approval");
    const merged = {
      ...closed,
      installation: { id: 82 },
      pull_request: { ...closed.pull_request, merged: true },
    };
    await deliverWebhook(app.url, { event: "pull_request", payload: merged });
    expect((await item())?.state).toBe("done");
  });
});
