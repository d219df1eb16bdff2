import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { type AppWithProject, startAppWithProject } from "../helpers/app-with-project.js";
import { deliverWebhook } from "../helpers/deliver-webhook.js";
import { createGitHubNock, type GitHubNock } from "../helpers/github-nock.js";
import {
  contentsPath,
  example,
  fileReply,
  PRODUCT_README,
  performOnly,
} from "./onboarding-fixtures.js";

const REPO = "/repos/Codertocat/Hello-World";
const closed = example("pull_request", "closed");
const closedPr = closed.pull_request as Record<string, unknown> & { head: Record<string, unknown> };

/** GitHub's `pull_request.closed`, as the onboarding PR `number`, merged or not. */
function onboardingClosed(number: number, merged: boolean, ref = "quantapilot/onboarding") {
  return {
    ...closed,
    number,
    installation: { id: 82 },
    pull_request: { ...closedPr, number, merged, head: { ...closedPr.head, ref } },
  };
}

describe("merging the onboarding PR", () => {
  let fixture: AppWithProject;
  let github: GitHubNock;
  const db = () => fixture.db;
  const app = () => fixture.app;

  beforeAll(async () => {
    fixture = await startAppWithProject({
      installationId: 82,
      account: "Codertocat",
      repoId: 186853002,
      owner: "Codertocat",
      name: "Hello-World",
    });
  });
  beforeEach(async () => {
    github = createGitHubNock();
    await db().sql`TRUNCATE outbox, stage_runs, work_items CASCADE`;
    await db().sql`UPDATE projects SET status = 'onboarding', onboarding_pr = 5`;
  });
  afterAll(() => fixture.close());

  const status = async () => (await db().sql`SELECT status FROM projects`)[0]?.status;
  const kinds = async () =>
    (await db().sql`SELECT kind FROM outbox ORDER BY id`).map((r) => r.kind);
  const merge = (payload: unknown, id?: string) =>
    deliverWebhook(app().url, { event: "pull_request", payload, ...(id ? { id } : {}) });

  function nockReadme(text: string | null, plan: string | null = null) {
    const readme = github.get(`${REPO}/readme`);
    if (text === null) readme.reply(404, { message: "Not Found" });
    else readme.reply(200, fileReply("README.md", text));
    if (text === null || text !== PRODUCT_README) return;
    const planned = github.get(contentsPath(REPO, "docs/PLAN.md")).query({ ref: "main" });
    if (plan === null) planned.reply(404, { message: "Not Found" });
    else planned.reply(200, fileReply("docs/PLAN.md", plan));
  }

  it("activates the project and, for a README that describes a product, starts the kickoff's plan", async () => {
    const reply = await merge(onboardingClosed(5, true), "merge-1");
    expect(reply.body.outcome).toBe("processed");
    expect(await status()).toBe("active");
    expect(await kinds()).toEqual(["check_kickoff"]);
    nockReadme(PRODUCT_README);
    await performOnly(db(), app(), ["check_kickoff"]);
    github.expectDone();
    const items = await db().sql`SELECT kind, title, stage, state, last_run_number FROM work_items`;
    expect(items).toEqual([
      {
        kind: "kickoff",
        title: "Kickoff: Bike Shop",
        stage: "plan",
        state: "running",
        last_run_number: 1,
      },
    ]);
    const runs = await db().sql`SELECT stage, status FROM stage_runs`;
    expect(runs).toEqual([{ stage: "plan", status: "queued" }]);
    expect(await kinds()).toEqual(expect.arrayContaining(["create_check_run", "dispatch_stage"]));
  });

  it("does nothing twice: a redelivery, a second merge event, a second kickoff check", async () => {
    await merge(onboardingClosed(5, true), "merge-2");
    await merge(onboardingClosed(5, true), "merge-2");
    await merge(onboardingClosed(5, true), "merge-3");
    expect(await kinds()).toEqual(["check_kickoff"]);
    nockReadme(PRODUCT_README);
    await performOnly(db(), app(), ["check_kickoff"]);
    // The same check again (an operator re-queued it): the project was kicked off already.
    await db()
      .sql`UPDATE outbox SET status = 'pending', run_after = now() WHERE kind = 'check_kickoff'`;
    await performOnly(db(), app(), ["check_kickoff"]);
    github.expectDone();
    expect(await db().sql`SELECT kind FROM work_items`).toEqual([{ kind: "kickoff" }]);
  });

  it("starts no kickoff for a README that describes nothing, or none at all", async () => {
    await merge(onboardingClosed(5, true));
    nockReadme("# Hello-World\nMy first repository on GitHub!\n");
    await performOnly(db(), app(), ["check_kickoff"]);
    await db()
      .sql`UPDATE outbox SET status = 'pending', run_after = now() WHERE kind = 'check_kickoff'`;
    nockReadme(null);
    await performOnly(db(), app(), ["check_kickoff"]);
    github.expectDone();
    expect(await status()).toBe("active");
    expect(await db().sql`SELECT id FROM work_items`).toEqual([]);
  });

  it("starts no kickoff when docs/PLAN.md exists", async () => {
    await merge(onboardingClosed(5, true));
    nockReadme(PRODUCT_README, "# Plan\n## Milestone 1: A\n");
    await performOnly(db(), app(), ["check_kickoff"]);
    github.expectDone();
    expect(await db().sql`SELECT id FROM work_items`).toEqual([]);
  });

  it("ignores a close without merge, another PR on the branch, and another branch", async () => {
    await merge(onboardingClosed(5, false));
    await merge(onboardingClosed(6, true));
    await merge(onboardingClosed(5, true, "changes"));
    expect(await status()).toBe("onboarding");
    expect(await kinds()).toEqual([]);
  });

  it("recognises the onboarding branch while no PR number is recorded", async () => {
    await db().sql`UPDATE projects SET onboarding_pr = NULL`;
    await merge(onboardingClosed(7, true));
    expect(await status()).toBe("active");
  });

  it("answers a malformed payload 400 and changes nothing", async () => {
    const { pull_request: _, ...broken } = onboardingClosed(5, true);
    const reply = await merge(broken);
    expect(reply.status).toBe(400);
    expect(await status()).toBe("onboarding");
  });
});
