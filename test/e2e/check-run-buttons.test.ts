import examples from "@octokit/webhooks-examples/api.github.com/index.json" with { type: "json" };
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { type AppWithProject, startAppWithProject } from "../helpers/app-with-project.js";
import type { TestDatabase } from "../helpers/database.js";
import { deliverWebhook } from "../helpers/deliver-webhook.js";
import { createGitHubNock, type GitHubNock } from "../helpers/github-nock.js";
import type { TestServer } from "../helpers/test-server.js";

type Example = Record<string, unknown> & { check_run: Record<string, unknown> };
const rerequested = examples
  .find((group) => group.name === "check_run")
  ?.examples.find(
    (example) => (example as { action?: string }).action === "rerequested",
  ) as Example;
const REPO_ID = 424242;
const HEAD = "d6fde92930d4715a2b49857d24b940956b26d2d3";

describe("check run buttons", () => {
  let db: TestDatabase;
  let app: TestServer;
  let github: GitHubNock;
  let workItemId = 0;

  /** GitHub's real check_run payload for our check run of run 1, pressed by `login`. */
  const pressed = (action: string, login: string, identifier?: string, externalId?: string) => ({
    ...rerequested,
    action,
    installation: { id: 81 },
    repository: { ...(rerequested.repository as object), id: REPO_ID },
    sender: { login, id: 5, type: "User" },
    check_run: {
      ...rerequested.check_run,
      external_id: externalId ?? `qp:${workItemId}:1`,
      head_sha: HEAD,
    },
    ...(identifier ? { requested_action: { identifier } } : {}),
  });

  let fixture: AppWithProject;
  beforeAll(async () => {
    fixture = await startAppWithProject({
      installationId: 81,
      account: "octo-org",
      accountType: "Organization",
      repoId: REPO_ID,
      owner: "octo-org",
      name: "app",
      defaultBranch: "main",
    });
    ({ db, app } = fixture);
  });
  beforeEach(async () => {
    github = createGitHubNock();
    await db.sql`TRUNCATE decisions, outbox, stage_runs, work_items CASCADE`;
    const [item] = await db.sql`
      INSERT INTO work_items (project_id, kind, issue_number, pr_number, title, branch, stage, state, head_sha, last_run_number)
      SELECT id, 'issue', 3, 4, 'Fix', 'quantapilot/3-fix', 'test', 'waiting_for_human', ${HEAD}, 1 FROM projects
      RETURNING id`;
    workItemId = Number(item?.id);
  });
  afterAll(() => fixture.close());

  const permission = (login: string, level: string) =>
    github
      .get(`/repos/octo-org/app/collaborators/${login}/permission`)
      .reply(200, { permission: level, role_name: level });

  it("Re-run from a writer opens a new run of the stage", async () => {
    permission("writer", "write");
    await deliverWebhook(app.url, {
      event: "check_run",
      payload: pressed("rerequested", "writer"),
    });
    github.expectDone();
    const runs = await db.sql`SELECT run_number, stage, status FROM stage_runs`;
    expect(runs).toEqual([{ run_number: 2, stage: "test", status: "queued" }]);
    const [decision] = await db.sql`SELECT command, source, accepted FROM decisions`;
    expect(decision).toEqual({ command: "retry", source: "check_run", accepted: true });
  });

  it("Retry from a reader is refused and runs nothing", async () => {
    permission("reader", "read");
    await deliverWebhook(app.url, {
      event: "check_run",
      payload: pressed("requested_action", "reader", "retry"),
    });
    expect(await db.sql`SELECT 1 FROM stage_runs`).toHaveLength(0);
    expect((await db.sql`SELECT kind FROM outbox`).map((row) => row.kind)).toEqual([
      "post_comment",
    ]);
  });

  it("ignores check runs that are not ours, and unknown buttons", async () => {
    await deliverWebhook(app.url, {
      event: "check_run",
      payload: pressed("rerequested", "writer", undefined, "other:1"),
    });
    await deliverWebhook(app.url, {
      event: "check_run",
      payload: pressed("requested_action", "writer", "lgtm"),
    });
    await deliverWebhook(app.url, {
      event: "check_run",
      payload: pressed("rerequested", "writer", undefined, "qp:999999:1"),
    });
    expect(github.requests().filter((request) => request.path.includes("/permission"))).toEqual([]);
    expect(await db.sql`SELECT 1 FROM outbox`).toHaveLength(0);
  });
});
