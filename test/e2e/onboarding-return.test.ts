import examples from "@octokit/webhooks-examples/api.github.com/index.json" with { type: "json" };
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { type AppWithProject, startAppWithProject } from "../helpers/app-with-project.js";
import { deliverWebhook } from "../helpers/deliver-webhook.js";
import { createGitHubNock, type GitHubNock } from "../helpers/github-nock.js";
import { contentsPath, example, fileReply, performOnly } from "./onboarding-fixtures.js";

const INSTALLATION = 957387;
const REPO = "/repos/Codertocat/Hello-World";
const BASE = "1".repeat(40);
const COMMIT = "2".repeat(40);
// The head of an onboarding PR closed long ago: our commit on an older default branch.
const OLD = "4".repeat(40);
const EMPTY = { message: "Git Repository is empty." };
const installationCreated = example("installation", "created");
const installationDeleted = example("installation", "deleted");
// GitHub's real first push to an empty repository (README.md on master, the default branch).
type PushPayload = Record<string, unknown> & { ref: string; created: boolean; after: string };
const firstPush: PushPayload = {
  ...(examples
    .find((group) => group.name === "push")
    ?.examples.map((e) => e as unknown as PushPayload)
    .find((e) => e.created && e.ref === "refs/heads/master") as PushPayload),
  installation: { id: INSTALLATION },
};

describe("onboarding that comes back: an empty repository's first push, a no respected, a re-install", () => {
  let fixture: AppWithProject;
  let github: GitHubNock;
  const db = () => fixture.db;
  const app = () => fixture.app;

  beforeAll(async () => {
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
    await db().sql`UPDATE installations SET deleted_at = NULL`;
  });
  afterAll(() => fixture.close());

  const project = async () =>
    (await db().sql`SELECT status, onboarding_pr FROM projects WHERE repo_id = 186853002`)[0];
  const onboardingEffects = async () =>
    (await db().sql`SELECT status FROM outbox WHERE kind = 'open_onboarding_pr' ORDER BY id`).map(
      (row) => row.status,
    );
  const install = () =>
    deliverWebhook(app().url, { event: "installation", payload: installationCreated });
  const push = (extra: Record<string, unknown> = {}, id?: string) =>
    deliverWebhook(app().url, {
      event: "push",
      payload: { ...firstPush, ...extra },
      ...(id ? { id } : {}),
    });

  function nockRepository(branch: string, pulls: unknown[] = []) {
    github.get(REPO).reply(200, { default_branch: branch });
    for (const path of [".github/workflows/quantapilot.yml", ".github/quantapilot.yml"]) {
      github.get(contentsPath(REPO, path)).query(true).reply(404, { message: "Not Found" });
    }
    github
      .get(`${REPO}/pulls`)
      .query((q) => q.state === "all")
      .reply(200, pulls);
  }
  function nockEmptyRepository() {
    nockRepository("master");
    github.get(`${REPO}/git/ref/heads%2Fquantapilot%2Fonboarding`).reply(409, EMPTY);
  }
  function nockOpened(branch: string, number: number) {
    github
      .get(`${REPO}/git/ref/heads%2Fquantapilot%2Fonboarding`)
      .reply(404, { message: "Not Found" });
    github
      .get(`${REPO}/git/ref/heads%2F${branch}`)
      .reply(200, { ref: `refs/heads/${branch}`, object: { sha: BASE } });
    github.get(`${REPO}/git/commits/${BASE}`).reply(200, { sha: BASE, tree: { sha: "t0" } });
    github.post(`${REPO}/git/trees`).reply(201, { sha: "t1" });
    github.post(`${REPO}/git/commits`).reply(201, { sha: COMMIT });
    github.post(`${REPO}/git/refs`).reply(201, { object: { sha: COMMIT } });
    github.post(`${REPO}/pulls`, (body) => body.base === branch).reply(201, { number });
  }

  it("an empty repository is parked, not retried into a dead letter, and its first push onboards it", async () => {
    await install();
    nockEmptyRepository();
    await performOnly(db(), app(), ["open_onboarding_pr"]);
    github.expectDone();
    expect(github.requests().filter((r) => r.method !== "GET")).toEqual([]);
    expect(await onboardingEffects()).toEqual(["done"]);
    expect(await project()).toEqual({ status: "onboarding", onboarding_pr: null });

    expect((await push({}, "first-push")).status).toBe(200);
    // The same delivery again, and a second push while one waits: still one effect.
    await push({}, "first-push");
    await push({ after: "3".repeat(40), before: firstPush.after, created: false });
    expect(await onboardingEffects()).toEqual(["done", "pending"]);
    nockRepository("master");
    nockOpened("master", 5);
    await performOnly(db(), app(), ["open_onboarding_pr"]);
    github.expectDone();
    expect(await project()).toEqual({ status: "onboarding", onboarding_pr: 5 });
  });

  it("a push to another branch, a tag, or a deleted branch does not resume a parked onboarding", async () => {
    await install();
    await db().sql`UPDATE outbox SET status = 'done'`;
    await push({ ref: "refs/heads/feature" });
    await push({ ref: "refs/tags/v1" });
    await push({ deleted: true, created: false });
    expect(await onboardingEffects()).toEqual(["done"]);
  });

  it("a repository with commits but no default branch is retried, not parked", async () => {
    await install();
    nockRepository("master");
    github
      .get(`${REPO}/git/ref/heads%2Fquantapilot%2Fonboarding`)
      .reply(404, { message: "Not Found" });
    github.get(`${REPO}/git/ref/heads%2Fmaster`).reply(404, { message: "Not Found" });
    await performOnly(db(), app(), ["open_onboarding_pr"]);
    github.expectDone();
    const [row] = await db().sql`SELECT status, last_error FROM outbox`;
    expect(row).toEqual({
      status: "pending",
      last_error: "Codertocat/Hello-World has no branch master: onboarding tries again later",
    });
  });

  it("an onboarding PR a person closed is respected: pushes do not offer it again", async () => {
    await install();
    await db().sql`UPDATE outbox SET status = 'done'`;
    await db().sql`UPDATE projects SET onboarding_pr = 5 WHERE repo_id = 186853002`;
    await push();
    await push({ commits: [{ added: [], modified: [], removed: [".github/quantapilot.yml"] }] });
    expect(await onboardingEffects()).toEqual(["done"]);
    expect(github.requests()).toEqual([]);
  });

  it("one closed since the request was queued is the answer to it: recorded, nothing opened", async () => {
    await install();
    const closedAt = new Date(Date.now() + 60_000).toISOString();
    nockRepository("master", [
      { number: 5, state: "closed", closed_at: closedAt, merged_at: null, head: { sha: OLD } },
    ]);
    await performOnly(db(), app(), ["open_onboarding_pr"]);
    github.expectDone();
    expect(github.requests().filter((r) => r.method !== "GET")).toEqual([]);
    expect(await project()).toEqual({ status: "onboarding", onboarding_pr: 5 });
  });

  async function reinstallAfterNo() {
    await install();
    await db().sql`UPDATE outbox SET status = 'done'`;
    await db().sql`UPDATE projects SET onboarding_pr = 5 WHERE repo_id = 186853002`;
    await deliverWebhook(app().url, {
      event: "installation",
      payload: { ...installationDeleted, installation: installationCreated.installation },
    });
    expect((await project())?.status).toBe("removed");
    await install();
    expect(await onboardingEffects()).toEqual(["done", "pending"]);
  }
  const closedLongAgo = (merged: boolean) => ({
    number: 5,
    state: "closed",
    closed_at: "2026-01-01T00:00:00Z",
    merged_at: merged ? "2026-01-01T00:00:00Z" : null,
    head: { sha: OLD },
  });

  it("a re-install after the no is a new yes: a fresh PR is offered", async () => {
    await reinstallAfterNo();
    nockRepository("main", [closedLongAgo(false)]);
    nockOpened("main", 8);
    await performOnly(db(), app(), ["open_onboarding_pr"]);
    github.expectDone();
    expect(await project()).toEqual({ status: "onboarding", onboarding_pr: 8 });
  });

  it("a branch the closed PR left behind, ending in our commit, is rebuilt on today's default branch", async () => {
    await reinstallAfterNo();
    // Merged long ago and the files removed since: the old commit is already in main.
    nockRepository("main", [closedLongAgo(true)]);
    github
      .get(`${REPO}/git/ref/heads%2Fquantapilot%2Fonboarding`)
      .reply(200, { object: { sha: OLD } });
    github.get(`${REPO}/git/commits/${OLD}`).reply(200, {
      sha: OLD,
      tree: { sha: "t-old" },
      message: "Set up\n\nQuantaPilot-Onboarding: 1",
    });
    github.get(`${REPO}/git/ref/heads%2Fmain`).reply(200, { object: { sha: BASE } });
    github.get(`${REPO}/git/commits/${BASE}`).reply(200, { sha: BASE, tree: { sha: "t0" } });
    github.post(`${REPO}/git/trees`, (b) => b.base_tree === "t0").reply(201, { sha: "t1" });
    github.post(`${REPO}/git/commits`, (b) => b.parents[0] === BASE).reply(201, { sha: COMMIT });
    github
      .patch(`${REPO}/git/refs/heads%2Fquantapilot%2Fonboarding`, { sha: COMMIT, force: true })
      .reply(200, { object: { sha: COMMIT } });
    github.post(`${REPO}/pulls`).reply(201, { number: 9 });
    await performOnly(db(), app(), ["open_onboarding_pr"]);
    github.expectDone();
    expect(await project()).toEqual({ status: "onboarding", onboarding_pr: 9 });
  });

  it("a branch someone pushed to after the closed PR is built on, never forced", async () => {
    await reinstallAfterNo();
    nockRepository("main", [closedLongAgo(false)]);
    github
      .get(`${REPO}/git/ref/heads%2Fquantapilot%2Fonboarding`)
      .reply(200, { object: { sha: BASE } });
    github
      .get(`${REPO}/git/commits/${BASE}`)
      .times(2)
      .reply(200, { sha: BASE, tree: { sha: "t0" }, message: "A person's commit" });
    github.post(`${REPO}/git/trees`).reply(201, { sha: "t1" });
    github.post(`${REPO}/git/commits`, (b) => b.parents[0] === BASE).reply(201, { sha: COMMIT });
    github
      .patch(`${REPO}/git/refs/heads%2Fquantapilot%2Fonboarding`, { sha: COMMIT, force: false })
      .reply(200, { object: { sha: COMMIT } });
    github.post(`${REPO}/pulls`).reply(201, { number: 10 });
    await performOnly(db(), app(), ["open_onboarding_pr"]);
    github.expectDone();
    expect(await project()).toEqual({ status: "onboarding", onboarding_pr: 10 });
  });

  it("the workflow pushed by hand after a no, beside a config already there, activates with no PR", async () => {
    await install();
    await db().sql`UPDATE outbox SET status = 'done'`;
    await db().sql`UPDATE projects SET onboarding_pr = 5 WHERE repo_id = 186853002`;
    const workflow = ".github/workflows/quantapilot.yml";
    await push({ commits: [{ added: [workflow], modified: [] }] });
    expect(await onboardingEffects()).toEqual(["done", "pending"]);
    github.get(REPO).reply(200, { default_branch: "master" });
    for (const path of [workflow, ".github/quantapilot.yml"]) {
      github.get(contentsPath(REPO, path)).query(true).reply(200, fileReply(path, "x"));
    }
    await performOnly(db(), app(), ["open_onboarding_pr"]);
    github.expectDone();
    expect((await project())?.status).toBe("active");
  });

  it("a push payload without a repository id is refused with 400 and queues nothing", async () => {
    const reply = await push({ repository: { default_branch: "master" } });
    expect(reply.status).toBe(400);
    expect(await onboardingEffects()).toEqual([]);
  });
});
