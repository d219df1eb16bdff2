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
