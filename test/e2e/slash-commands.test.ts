import examples from "@octokit/webhooks-examples/api.github.com/index.json" with { type: "json" };
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { type AppWithProject, startAppWithProject } from "../helpers/app-with-project.js";
import type { TestDatabase } from "../helpers/database.js";
import { deliverWebhook } from "../helpers/deliver-webhook.js";
import { createGitHubNock, type GitHubNock } from "../helpers/github-nock.js";
import type { TestServer } from "../helpers/test-server.js";

type Example = Record<string, unknown> & {
  comment: Record<string, unknown> & { user: Record<string, unknown> };
};
const commentExample = examples
  .find((group) => group.name === "issue_comment")
  ?.examples.find((example) => (example as { action?: string }).action === "created") as Example;
const REPO = "/repos/Codertocat/Hello-World";
const REPO_ID = 186853002;

/** GitHub's real `issue_comment.created` payload with `body`, written by `login`. */
function comment(
  body: string,
  login: string,
  type = "User",
  id = 1000 + Math.floor(Math.random() * 1e6),
) {
  return {
    ...commentExample,
    installation: { id: 78 },
    comment: {
      ...commentExample.comment,
      id,
      body,
      user: { ...commentExample.comment.user, login, type },
    },
  };
}

describe("slash commands in issue comments", () => {
  let db: TestDatabase;
  let app: TestServer;
  let github: GitHubNock;

  let fixture: AppWithProject;
  beforeAll(async () => {
    fixture = await startAppWithProject({
      installationId: 78,
      account: "Codertocat",
      repoId: REPO_ID,
      owner: "Codertocat",
      name: "Hello-World",
    });
    ({ db, app } = fixture);
    const [item] = await db.sql`
      INSERT INTO work_items (project_id, kind, issue_number, title, branch, stage, state, last_run_number)
      SELECT id, 'issue', 1, 'Spelling error', 'quantapilot/1-spelling-error', 'implement', 'running', 1
      FROM projects RETURNING id`;
    await db.sql`
      INSERT INTO stage_runs (work_item_id, run_number, stage, status, usd_cap)
      VALUES (${item?.id}, 1, 'implement', 'in_progress', 5)`;
  });
  beforeEach(() => {
    github = createGitHubNock();
  });
  afterAll(() => fixture.close());

  const permission = (login: string, level: string) =>
    github
      .get(`${REPO}/collaborators/${login}/permission`)
      .reply(200, { permission: level, role_name: level });
  const effects = (kind: string) =>
    db.sql`SELECT payload FROM outbox WHERE kind = ${kind} ORDER BY id`;
  const itemState = async () => (await db.sql`SELECT state, held FROM work_items`)[0];

  it("runs /hold from a writer: the item is held, the decision kept, 👍 alone (received and done)", async () => {
    permission("writer", "write");
    const reply = await deliverWebhook(app.url, {
      event: "issue_comment",
      payload: comment("/hold", "writer", "User", 11),
    });
    expect(reply.body.outcome).toBe("processed");
    github.expectDone();
    expect(await itemState()).toEqual({ state: "running", held: true });
    const reactions = (await effects("react")).map((row) => row.payload.content);
    expect(reactions).toEqual(["+1"]);
    const [decision] =
      await db.sql`SELECT actor_login, command, accepted FROM decisions WHERE actor_login = 'writer'`;
    expect(decision).toEqual({ actor_login: "writer", command: "hold", accepted: true });
  });

  it("refuses a reader with a reply naming the levels and changes nothing", async () => {
    permission("reader", "read");
    await deliverWebhook(app.url, {
      event: "issue_comment",
      payload: comment("/hold cancel", "reader", "User", 12),
    });
    github.expectDone();
    expect(await itemState()).toEqual({ state: "running", held: true });
    const replies = (await effects("post_comment")).map((row) => row.payload.body as string);
    expect(replies.at(-1)).toMatch(/^@reader: .*`write` access.*`read` access/s);
    expect(await db.sql`SELECT 1 FROM decisions WHERE actor_login = 'reader'`).toHaveLength(0);
  });

  it("ignores commands in code, quotes and from bots — not even a reaction", async () => {
    const before = (await db.sql`SELECT count(*)::int AS n FROM outbox`)[0]?.n;
    for (const body of [
      "```\n/cancel\n```",
      "> /cancel",
      "<!-- /cancel -->",
      "use `/cancel` to stop",
    ]) {
      await deliverWebhook(app.url, { event: "issue_comment", payload: comment(body, "writer") });
    }
    await deliverWebhook(app.url, {
      event: "issue_comment",
      payload: comment("/cancel", "renovate[bot]", "Bot"),
    });
    // Nothing was asked of GitHub (no permission look-up) and nothing queued for it.
    expect(github.requests().filter((request) => request.path.includes("/permission"))).toEqual([]);
    expect((await db.sql`SELECT count(*)::int AS n FROM outbox`)[0]?.n).toBe(before);
    expect(await itemState()).toEqual({ state: "running", held: true });
  });

  it("suggests the command a typo meant", async () => {
    await deliverWebhook(app.url, {
      event: "issue_comment",
      payload: comment("/aprove", "writer"),
    });
    const replies = (await effects("post_comment")).map((row) => row.payload.body as string);
    expect(replies.at(-1)).toContain("Did you mean /approve?");
  });

  it("answers /status with where the item is", async () => {
    await deliverWebhook(app.url, {
      event: "issue_comment",
      payload: comment("/status", "writer"),
    });
    const replies = (await effects("post_comment")).map((row) => row.payload.body as string);
    expect(replies.at(-1)).toMatch(
      /^@writer: \*\*implement\*\* · running \(on hold\), run 1 in_progress/,
    );
  });

  it("explains a command the pipeline refuses, and records it as refused", async () => {
    await deliverWebhook(app.url, {
      event: "issue_comment",
      payload: comment("/approve", "writer"),
    });
    const replies = (await effects("post_comment")).map((row) => row.payload.body as string);
    expect(replies.at(-1)).toMatch(/^@writer: /);
    const [decision] =
      await db.sql`SELECT accepted, reason FROM decisions WHERE command = 'approve'`;
    expect(decision?.accepted).toBe(false);
    expect(decision?.reason).toBeTruthy();
  });

  it("does not re-run commands of an edited comment", async () => {
    const edited = { ...comment("/cancel", "writer"), action: "edited" };
    const reply = await deliverWebhook(app.url, { event: "issue_comment", payload: edited });
    expect(reply.body.outcome).toBe("ignored");
    expect(await itemState()).toEqual({ state: "running", held: true });
  });
});
