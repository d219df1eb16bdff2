import examples from "@octokit/webhooks-examples/api.github.com/index.json" with { type: "json" };
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { type AppWithProject, startAppWithProject } from "../helpers/app-with-project.js";
import type { TestDatabase } from "../helpers/database.js";
import { deliverWebhook } from "../helpers/deliver-webhook.js";
import { createGitHubNock, type GitHubNock } from "../helpers/github-nock.js";
import type { TestServer } from "../helpers/test-server.js";

const pushExample = examples.find((group) => group.name === "push")?.examples[0] as Record<
  string,
  unknown
> & {
  repository: Record<string, unknown>;
};
const REPO = "/repos/Codertocat/Hello-World";
const CONFIG = ".github%2Fquantapilot.yml";
const AFTER = "6113728f27ae82c7b1a177c8d03f9e96e0adf246";

/** GitHub's real push payload, to the default branch, changing `files`. */
function push(files: string[], ref = "refs/heads/master") {
  return {
    ...pushExample,
    ref,
    after: AFTER,
    installation: { id: 83 },
    commits: [{ id: AFTER, message: "config", added: [], modified: files, removed: [] }],
  };
}

describe("a push that changes .github/quantapilot.yml", () => {
  let db: TestDatabase;
  let app: TestServer;
  let github: GitHubNock;

  let fixture: AppWithProject;
  beforeAll(async () => {
    fixture = await startAppWithProject({
      installationId: 83,
      account: "Codertocat",
      accountType: "User",
      repoId: 186853002,
      owner: "Codertocat",
      name: "Hello-World",
      defaultBranch: "master",
    });
    ({ db, app } = fixture);
  });
  beforeEach(() => {
    github = createGitHubNock();
  });
  afterAll(() => fixture.close());

  const serve = (text: string, times = 1) =>
    github
      .get(`${REPO}/contents/${CONFIG}`)
      .times(times)
      .reply(200, text, { "content-type": "text/plain" });
  const reported = () => db.sql`SELECT status, last_error FROM outbox WHERE kind = 'report_config'`;

  it("stores a valid config and reports a green check run", async () => {
    serve("version: 1\nmax_iterations: 5\n");
    github
      .post(`${REPO}/check-runs`, (body) => body.conclusion === "success")
      .reply(201, { id: 1 });
    github.get(`${REPO}/issues`).query(true).reply(200, []);
    await deliverWebhook(app.url, { event: "push", payload: push([".github/quantapilot.yml"]) });
    await app.server.worker?.runOnce();
    expect(await reported()).toEqual([{ status: "done", last_error: null }]);
    github.expectDone();
    const [project] = await db.sql`SELECT config, config_sha FROM projects`;
    expect(project?.config.max_iterations).toBe(5);
    expect(project?.config_sha).toBe(AFTER);
  });

  it("keeps the last good config and points at the line of each error, in a check run and one issue", async () => {
    await db.sql`TRUNCATE outbox`;
    serve("version: 1\nbudgets:\n  stage_run:\n    usd: -3\n", 2);
    github
      .post(`${REPO}/check-runs`, (body) => {
        const annotation = body.output?.annotations?.[0];
        return (
          body.conclusion === "failure" &&
          annotation?.start_line === 4 &&
          annotation.path === ".github/quantapilot.yml"
        );
      })
      .reply(201, { id: 2 });
    github.get(`${REPO}/issues`).query(true).reply(200, []);
    github
      .post(
        `${REPO}/issues`,
        (body) => body.title === "Action required: fix QuantaPilot configuration",
      )
      .reply(201, { number: 9 });
    await deliverWebhook(app.url, {
      event: "push",
      payload: { ...push([".github/quantapilot.yml"]), after: "a".repeat(40) },
    });
    await app.server.worker?.runOnce();
    expect(await reported()).toEqual([{ status: "done", last_error: null }]);
    github.expectDone();
    const [project] = await db.sql`SELECT config FROM projects`;
    expect(project?.config.max_iterations).toBe(5);
  });

  it("ignores pushes to other branches, tags, and pushes that leave the config alone", async () => {
    await db.sql`TRUNCATE outbox`;
    await deliverWebhook(app.url, {
      event: "push",
      payload: push([".github/quantapilot.yml"], "refs/heads/feature"),
    });
    await deliverWebhook(app.url, {
      event: "push",
      payload: push([".github/quantapilot.yml"], "refs/tags/v1"),
    });
    await deliverWebhook(app.url, { event: "push", payload: push(["README.md"]) });
    expect(await db.sql`SELECT 1 FROM outbox`).toHaveLength(0);
  });
});
