import examples from "@octokit/webhooks-examples/api.github.com/index.json" with { type: "json" };
import nock from "nock";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { createTestDatabase, type TestDatabase } from "../helpers/database.js";
import { deliverWebhook } from "../helpers/deliver-webhook.js";
import { createGitHubNock, type GitHubNock } from "../helpers/github-nock.js";
import { startTestServer, type TestServer } from "../helpers/test-server.js";

type Example = Record<string, unknown> & { pull_request: Record<string, unknown> };
const pick = (action: string) =>
  examples
    .find((group) => group.name === "pull_request")
    ?.examples.find((example) => (example as { action?: string }).action === action) as Example;
const BEFORE = "f95f852bd8fca8fcc58a9a2d6c842781e32a215e";
const AFTER = "ec26c3e57ca3a959ca5aad62de7213c562f8c821";
const REPO = "/repos/Codertocat/Hello-World";

describe("the work item's pull request", () => {
  let db: TestDatabase;
  let app: TestServer;
  let github: GitHubNock;

  beforeAll(async () => {
    nock.disableNetConnect();
    nock.enableNetConnect("127.0.0.1");
    db = await createTestDatabase();
    app = await startTestServer(db.url);
    createGitHubNock()
      .post("/app/installations/82/access_tokens")
      .reply(201, { token: "ghs_test", expires_at: "2099-01-01T00:00:00Z" });
    await db.sql`INSERT INTO installations (id, account_login, account_type) VALUES (82, 'Codertocat', 'User')`;
    await db.sql`
      INSERT INTO projects (installation_id, repo_id, owner, name, default_branch, status)
      VALUES (82, 186853002, 'Codertocat', 'Hello-World', 'main', 'active')`;
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
  afterAll(async () => {
    nock.cleanAll();
    await app.stop();
    await db.drop();
  });

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
