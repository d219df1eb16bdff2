import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { type AppWithProject, startAppWithProject } from "../helpers/app-with-project.js";
import { deliverWebhook } from "../helpers/deliver-webhook.js";
import { createGitHubNock, type GitHubNock } from "../helpers/github-nock.js";
import { example, performOnly } from "./onboarding-fixtures.js";

const REPO = "/repos/Codertocat/Hello-World";
const suite = example("check_suite", "completed");
const HEAD = (suite.check_suite as { head_sha: string }).head_sha;
const BRANCH = "quantapilot/3-milestone-1-accounts";

/** A merge of a milestone's PR waiting for required checks, as the worker leaves it. */
describe("a merge waiting for required checks", () => {
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
    const [item] = await db().sql`
      INSERT INTO work_items (project_id, kind, issue_number, pr_number, title, branch, stage, state, head_sha, approved_sha)
      SELECT id, 'issue', 3, 4, 'Milestone 1: Accounts', ${BRANCH}, 'review', 'merging', ${HEAD}, ${HEAD}
      FROM projects RETURNING id`;
    const payload = {
      workItemId: Number(item?.id),
      effect: { type: "merge_pr", expectedHeadSha: HEAD },
    };
    await db().sql`INSERT INTO outbox (idempotency_key, kind, installation_id, payload)
      VALUES ('merge', 'merge_pr', 82, ${db().sql.json(payload)})`;
  });
  afterAll(() => fixture.close());

  const merge = async () =>
    (
      await db()
        .sql`SELECT status, attempts, run_after <= now() AS due FROM outbox WHERE kind = 'merge_pr'`
    )[0];

  it("waits without spending attempts, and merges as soon as a check suite on its head completes", async () => {
    for (let i = 0; i < 3; i++) {
      github
        .put(`${REPO}/pulls/4/merge`)
        .reply(405, { message: "Required status checks are pending." });
      await db().sql`UPDATE outbox SET run_after = now() WHERE kind = 'merge_pr'`;
      await performOnly(db(), app(), ["merge_pr"]);
    }
    github.expectDone();
    expect(await merge()).toEqual({ status: "pending", attempts: 0, due: false });

    const other = {
      ...suite,
      check_suite: { ...(suite.check_suite as object), head_sha: "9".repeat(40) },
    };
    await deliverWebhook(app().url, {
      event: "check_suite",
      payload: { ...other, installation: { id: 82 } },
    });
    expect((await merge())?.due).toBe(false);

    await deliverWebhook(app().url, {
      event: "check_suite",
      payload: { ...suite, installation: { id: 82 } },
    });
    expect((await merge())?.due).toBe(true);
    github
      .put(`${REPO}/pulls/4/merge`, { merge_method: "squash", sha: HEAD })
      .reply(200, { sha: "e".repeat(40), merged: true });
    github.delete(`${REPO}/git/refs/heads%2F${BRANCH.replace("/", "%2F")}`).reply(204);
    await performOnly(db(), app(), ["merge_pr"]);
    github.expectDone();
    expect((await merge())?.status).toBe("done");
    expect((await db().sql`SELECT state FROM work_items`)[0]?.state).toBe("done");
  });

  it("answers a check_suite without a head SHA 400 and changes nothing", async () => {
    const { check_suite: _, ...broken } = suite;
    const reply = await deliverWebhook(app().url, {
      event: "check_suite",
      payload: { ...broken, installation: { id: 82 } },
    });
    expect(reply.status).toBe(400);
  });
});
