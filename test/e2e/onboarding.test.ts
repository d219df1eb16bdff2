import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { type AppWithProject, startAppWithProject } from "../helpers/app-with-project.js";
import { deliverWebhook } from "../helpers/deliver-webhook.js";
import { createGitHubNock, type GitHubNock } from "../helpers/github-nock.js";
import {
  contentsPath,
  example,
  fileReply,
  nockFreshRepository,
  performOnly,
} from "./onboarding-fixtures.js";

const INSTALLATION = 957387;
const REPO = "/repos/Codertocat/Hello-World";
const BASE = "1".repeat(40);
const COMMIT = "2".repeat(40);
const installationCreated = example("installation", "created");

describe("onboarding a repository", () => {
  let fixture: AppWithProject;
  let github: GitHubNock;
  const db = () => fixture.db;
  const app = () => fixture.app;

  beforeAll(async () => {
    // The fixture's own project is another repository of the same installation.
    fixture = await startAppWithProject({
      installationId: INSTALLATION,
      account: "Codertocat",
      repoId: 1,
      owner: "Codertocat",
      name: "Other",
    });
  });
  beforeEach(async () => {
    github = createGitHubNock();
    await db().sql`TRUNCATE outbox, stage_runs, work_items CASCADE`;
    await db().sql`DELETE FROM projects WHERE repo_id <> 1`;
  });
  afterAll(() => fixture.close());

  const project = async () =>
    (
      await db()
        .sql`SELECT status, onboarding_pr, default_branch FROM projects WHERE repo_id = 186853002`
    )[0];
  const outbox = async () =>
    db()
      .sql`SELECT kind, status, payload FROM outbox WHERE kind IN ('open_onboarding_pr', 'check_kickoff') ORDER BY id`;

  function nockNewPullRequest(number = 5) {
    nockFreshRepository(github, REPO);
    github
      .get(`${REPO}/git/ref/heads%2Fquantapilot%2Fonboarding`)
      .reply(404, { message: "Not Found" });
    github
      .get(`${REPO}/git/ref/heads%2Fmain`)
      .reply(200, { ref: "refs/heads/main", object: { sha: BASE } });
    github
      .get(`${REPO}/git/commits/${BASE}`)
      .reply(200, { sha: BASE, tree: { sha: "t0" }, message: "init" });
    github
      .post(`${REPO}/git/trees`, (body) => body.base_tree === "t0" && body.tree.length === 2)
      .reply(201, { sha: "t1" });
    github
      .post(`${REPO}/git/commits`, (body) => body.tree === "t1" && body.parents[0] === BASE)
      .reply(201, { sha: COMMIT });
    github
      .post(`${REPO}/git/refs`, { ref: "refs/heads/quantapilot/onboarding", sha: COMMIT })
      .reply(201, { ref: "refs/heads/quantapilot/onboarding", object: { sha: COMMIT } });
    github
      .post(
        `${REPO}/pulls`,
        (body) => body.head === "quantapilot/onboarding" && body.base === "main",
      )
      .reply(201, { number });
  }

  it("opens one PR adding the canonical workflow and the default config", async () => {
    const reply = await deliverWebhook(app().url, {
      event: "installation",
      payload: installationCreated,
    });
    expect(reply.status).toBe(200);
    expect(await project()).toMatchObject({ status: "onboarding", onboarding_pr: null });
    nockNewPullRequest();
    await performOnly(db(), app(), ["open_onboarding_pr"]);
    github.expectDone();
    expect(await project()).toMatchObject({
      status: "onboarding",
      onboarding_pr: 5,
      default_branch: "main",
    });
    const tree = github.requests().find((r) => r.path.endsWith("/git/trees"))?.body as {
      tree: { path: string; content: string }[];
    };
    const { readFileSync } = await import("node:fs");
    expect(tree.tree[0]).toMatchObject({
      path: ".github/workflows/quantapilot.yml",
      content: readFileSync(".github/workflows/quantapilot.yml", "utf8"),
    });
    expect(tree.tree[1]?.path).toBe(".github/quantapilot.yml");
    expect(tree.tree[1]?.content).toContain("version: 1");
  });

  it("queues nothing twice: a redelivery, then the same repository by another event", async () => {
    const id = "onboarding-delivery-1";
    await deliverWebhook(app().url, { event: "installation", payload: installationCreated, id });
    const again = await deliverWebhook(app().url, {
      event: "installation",
      payload: installationCreated,
      id,
    });
    expect(again.status).toBe(200);
    const created = example("repository", "created");
    await deliverWebhook(app().url, {
      event: "repository",
      payload: {
        ...created,
        installation: { id: INSTALLATION },
        repository: {
          ...(created.repository as object),
          id: 186853002,
          full_name: "Codertocat/Hello-World",
          owner: { login: "Codertocat", type: "User" },
        },
      },
    });
    expect((await outbox()).map((row) => row.kind)).toEqual(["open_onboarding_pr"]);
  });

  it("finds an existing onboarding PR again instead of opening another", async () => {
    await deliverWebhook(app().url, { event: "installation", payload: installationCreated });
    github.get(REPO).reply(200, { default_branch: "main" });
    github.get(contentsPath(REPO, ".github/workflows/quantapilot.yml")).query(true).reply(404, {});
    github.get(contentsPath(REPO, ".github/quantapilot.yml")).query(true).reply(404, {});
    github
      .get(`${REPO}/pulls`)
      .query(true)
      .reply(200, [{ number: 9, state: "open", head: { sha: COMMIT } }]);
    await performOnly(db(), app(), ["open_onboarding_pr"]);
    github.expectDone();
    expect(github.requests().filter((r) => r.method === "POST")).toEqual([]);
    expect(await project()).toMatchObject({ status: "onboarding", onboarding_pr: 9 });
  });

  it("reuses the branch and commit of an attempt that crashed before opening the PR", async () => {
    await deliverWebhook(app().url, { event: "installation", payload: installationCreated });
    nockFreshRepository(github, REPO);
    github
      .get(`${REPO}/git/ref/heads%2Fquantapilot%2Fonboarding`)
      .reply(200, { ref: "refs/heads/quantapilot/onboarding", object: { sha: COMMIT } });
    github.get(`${REPO}/git/commits/${COMMIT}`).reply(200, {
      sha: COMMIT,
      tree: { sha: "t1" },
      message: "Set up\n\nQuantaPilot-Onboarding: 1",
    });
    github.post(`${REPO}/pulls`).reply(201, { number: 6 });
    await performOnly(db(), app(), ["open_onboarding_pr"]);
    github.expectDone();
    expect(await project()).toMatchObject({ onboarding_pr: 6 });
  });

  it("activates a repository that has both files without a PR, and checks for a kickoff", async () => {
    await deliverWebhook(app().url, { event: "installation", payload: installationCreated });
    github.get(REPO).reply(200, { default_branch: "trunk" });
    for (const path of [".github/workflows/quantapilot.yml", ".github/quantapilot.yml"]) {
      github.get(contentsPath(REPO, path)).query({ ref: "trunk" }).reply(200, fileReply(path, "x"));
    }
    await performOnly(db(), app(), ["open_onboarding_pr"]);
    github.expectDone();
    // The installation payload names no default branch; the kickoff check reads from the one GitHub named.
    expect(await project()).toMatchObject({
      status: "active",
      onboarding_pr: null,
      default_branch: "trunk",
    });
    expect((await outbox()).map((row) => [row.kind, row.status])).toEqual([
      ["open_onboarding_pr", "done"],
      ["check_kickoff", "pending"],
    ]);
  });

  it("paces an installation's onboarding PRs 30 seconds apart", async () => {
    const added = example("installation_repositories", "added");
    const repos = [11, 12, 13].map((id) => ({
      id,
      full_name: `Codertocat/r${id}`,
      name: `r${id}`,
    }));
    await deliverWebhook(app().url, {
      event: "installation_repositories",
      payload: { ...added, repositories_added: repos, repositories_removed: [] },
    });
    const rows = await db().sql`
      SELECT extract(epoch FROM run_after - min(run_after) OVER ())::int AS offset
      FROM outbox WHERE kind = 'open_onboarding_pr' ORDER BY run_after`;
    expect(rows.map((row) => row.offset)).toEqual([0, 30, 60]);
  });

  it("refuses a payload without repositories' ids, writing nothing", async () => {
    const reply = await deliverWebhook(app().url, {
      event: "installation",
      payload: { ...installationCreated, repositories: [{ full_name: "Codertocat/Hello-World" }] },
    });
    expect(reply.status).toBe(400);
    expect(await outbox()).toEqual([]);
  });
});
