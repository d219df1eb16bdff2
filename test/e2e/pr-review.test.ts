import examples from "@octokit/webhooks-examples/api.github.com/index.json" with { type: "json" };
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { type AppWithProject, startAppWithProject } from "../helpers/app-with-project.js";
import type { TestDatabase } from "../helpers/database.js";
import { deliverWebhook } from "../helpers/deliver-webhook.js";
import { createGitHubNock, type GitHubNock } from "../helpers/github-nock.js";
import type { TestServer } from "../helpers/test-server.js";

type Example = Record<string, unknown> & {
  review: Record<string, unknown> & { user: Record<string, unknown> };
};
const reviewExample = examples
  .find((group) => group.name === "pull_request_review")
  ?.examples.find((example) => (example as { action?: string }).action === "submitted") as Example;
const HEAD = "ec26c3e57ca3a959ca5aad62de7213c562f8c821";
const REPO = "/repos/Codertocat/Hello-World";

/** GitHub's real `pull_request_review.submitted` payload, in `state`, by `login`. */
function review(state: string, login: string, body: string | null = null) {
  return {
    ...reviewExample,
    installation: { id: 79 },
    review: {
      ...reviewExample.review,
      state,
      body,
      user: { ...reviewExample.review.user, login, type: "User" },
    },
  };
}

describe("PR reviews on a work item's pull request", () => {
  let db: TestDatabase;
  let app: TestServer;
  let github: GitHubNock;

  let fixture: AppWithProject;
  beforeAll(async () => {
    fixture = await startAppWithProject({
      installationId: 79,
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
    await db.sql`TRUNCATE decisions, outbox, stage_runs, work_items CASCADE`;
    await db.sql`
      INSERT INTO work_items (project_id, kind, issue_number, pr_number, title, branch, stage, state, head_sha, last_run_number)
      SELECT id, 'issue', 1, 2, 'Fix', 'quantapilot/1-fix', 'review', 'awaiting_approval', ${HEAD}, 3 FROM projects`;
  });
  afterAll(() => fixture.close());

  const permission = (login: string, level: string) =>
    github
      .get(`${REPO}/collaborators/${login}/permission`)
      .reply(200, { permission: level, role_name: level });
  const item = async () => (await db.sql`SELECT state, approved_sha FROM work_items`)[0];

  it("an approving review from a writer approves the reviewed commit and queues the merge", async () => {
    permission("maintainer", "maintain");
    await deliverWebhook(app.url, {
      event: "pull_request_review",
      payload: review("approved", "maintainer"),
    });
    github.expectDone();
    expect(await item()).toEqual({ state: "merging", approved_sha: HEAD });
    const [merge] = await db.sql`SELECT payload FROM outbox WHERE kind = 'merge_pr'`;
    expect(merge?.payload.effect).toEqual({ type: "merge_pr", expectedHeadSha: HEAD });
    const [decision] = await db.sql`SELECT command, sha, source, accepted FROM decisions`;
    expect(decision).toEqual({ command: "approve", sha: HEAD, source: "review", accepted: true });
  });

  it("two approvals at once, and a redelivered one, merge once", async () => {
    permission("alice", "write");
    permission("bob", "admin");
    const id = "5e0d0c3a-0000-4000-8000-00000000a11c";
    await Promise.all([
      deliverWebhook(app.url, {
        event: "pull_request_review",
        id,
        payload: review("approved", "alice"),
      }),
      deliverWebhook(app.url, {
        event: "pull_request_review",
        id,
        payload: review("approved", "alice"),
      }),
      deliverWebhook(app.url, { event: "pull_request_review", payload: review("approved", "bob") }),
    ]);
    expect(await db.sql`SELECT 1 FROM outbox WHERE kind = 'merge_pr'`).toHaveLength(1);
    expect(await item()).toEqual({ state: "merging", approved_sha: HEAD });
  });

  it("changes requested sends the work back with the review and its inline comments as feedback", async () => {
    permission("maintainer2", "write");
    github
      .get(`${REPO}/pulls/2/reviews/${reviewExample.review.id}/comments`)
      .query({ per_page: "100", page: "1" })
      .reply(200, [
        { path: "src/parse.ts", line: 12, original_line: 12, body: "Empty input throws here." },
        { path: "README.md", line: null, original_line: 3, body: " Document it. " },
      ]);
    await deliverWebhook(app.url, {
      event: "pull_request_review",
      payload: review("changes_requested", "maintainer2", "Please handle empty input."),
    });
    github.expectDone();
    const [row] = await db.sql`SELECT stage, state, feedback FROM work_items`;
    expect(row?.stage).toBe("implement");
    expect(row?.feedback).toEqual([
      expect.objectContaining({
        actor: "maintainer2",
        body: [
          "Please handle empty input.",
          "",
          "Inline comments:",
          "- `src/parse.ts` line 12: Empty input throws here.",
          "- `README.md` line 3: Document it.",
        ].join("\n"),
      }),
    ]);
  });

  it("an approval from a reader changes nothing but the refusal reply", async () => {
    permission("drive-by", "read");
    await deliverWebhook(app.url, {
      event: "pull_request_review",
      payload: review("approved", "drive-by"),
    });
    expect(await item()).toEqual({ state: "awaiting_approval", approved_sha: null });
    const kinds = (await db.sql`SELECT kind FROM outbox`).map((row) => row.kind);
    expect(kinds).toEqual(["post_comment"]);
  });

  it("comment-only and dismissed reviews decide nothing", async () => {
    await deliverWebhook(app.url, {
      event: "pull_request_review",
      payload: review("commented", "maintainer"),
    });
    const dismissed = { ...review("dismissed", "maintainer"), action: "dismissed" };
    await deliverWebhook(app.url, { event: "pull_request_review", payload: dismissed });
    expect(await item()).toEqual({ state: "awaiting_approval", approved_sha: null });
    expect(await db.sql`SELECT 1 FROM outbox`).toHaveLength(0);
  });
});
