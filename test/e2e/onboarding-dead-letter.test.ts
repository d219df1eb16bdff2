import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { type AppWithProject, startAppWithProject } from "../helpers/app-with-project.js";
import { createGitHubNock, type GitHubNock } from "../helpers/github-nock.js";

const REPO = "/repos/Codertocat/Hello-World";
const HEAD = "a".repeat(40);
const MAIN = "b".repeat(40);

describe("an effect the outbox gives up on", () => {
  let fixture: AppWithProject;
  let github: GitHubNock;
  let projectId: number;
  const db = () => fixture.db;

  beforeAll(async () => {
    fixture = await startAppWithProject({
      installationId: 82,
      account: "Codertocat",
      repoId: 186853002,
      owner: "Codertocat",
      name: "Hello-World",
    });
    projectId = Number((await db().sql`SELECT id FROM projects`)[0]?.id);
  });
  beforeEach(async () => {
    github = createGitHubNock();
    await db().sql`TRUNCATE outbox, stage_runs, work_items CASCADE`;
  });
  afterAll(() => fixture.close());

  const run = () => fixture.app.server.worker?.runOnce();
  const deadCheckRun = (sha: string, says: RegExp) =>
    github
      .post(
        `${REPO}/check-runs`,
        (body) =>
          body.head_sha === sha &&
          body.conclusion === "failure" &&
          body.name === "QuantaPilot / outbox" &&
          says.test(body.output.title) &&
          String(body.external_id).startsWith("dead:"),
      )
      .reply(201, { id: 1 });

  it("reports on the work item's head with a failing check run that says what broke", async () => {
    const [item] = await db().sql`
      INSERT INTO work_items (project_id, kind, issue_number, title, stage, state, head_sha)
      VALUES (${projectId}, 'issue', 3, 'Fix', 'implement', 'running', ${HEAD}) RETURNING id`;
    await db().sql`INSERT INTO outbox (idempotency_key, kind, installation_id, payload)
      VALUES ('k1', 'no_such_effect', 82, ${db().sql.json({ workItemId: Number(item?.id), effect: {} })})`;
    deadCheckRun(HEAD, /could not perform `no_such_effect`/);
    await run();
    github.expectDone();
    const [row] = await db().sql`SELECT status, last_error FROM outbox`;
    expect(row).toEqual({
      status: "dead",
      last_error: 'No performer for effect kind "no_such_effect"',
    });
    const body = github.requests().at(-1)?.body as { output: { summary: string } };
    expect(body.output.summary).toContain("/retry");
  });

  it("reports an onboarding effect on the default branch's head after its last attempt", async () => {
    await db().sql`UPDATE projects SET status = 'onboarding'`;
    await db().sql`INSERT INTO outbox (idempotency_key, kind, installation_id, payload, attempts)
      VALUES ('k2', 'open_onboarding_pr', 82, ${db().sql.json({ projectId })}, 7)`;
    github.get(REPO).reply(500, { message: "Server Error" });
    github
      .get(`${REPO}/git/ref/heads%2Fmain`)
      .reply(200, { ref: "refs/heads/main", object: { sha: MAIN } });
    deadCheckRun(MAIN, /could not open the onboarding pull request/);
    await run();
    github.expectDone();
    expect((await db().sql`SELECT status FROM outbox`)[0]?.status).toBe("dead");
    await db().sql`UPDATE projects SET status = 'active'`;
  });

  it("only logs an effect that names no work item or project", async () => {
    await db().sql`INSERT INTO outbox (idempotency_key, kind, installation_id, payload)
      VALUES ('k3', 'no_such_effect', 82, ${db().sql.json({ owner: "x" })})`;
    await run();
    github.expectDone();
    expect(github.requests()).toEqual([]);
    expect((await db().sql`SELECT status FROM outbox`)[0]?.status).toBe("dead");
  });
});
