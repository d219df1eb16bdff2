import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { milestoneMarker } from "../../app/core/plan/render-milestone-issue.js";
import { type AppWithProject, startAppWithProject } from "../helpers/app-with-project.js";
import { deliverWebhook } from "../helpers/deliver-webhook.js";
import { createGitHubNock, type GitHubNock } from "../helpers/github-nock.js";
import { contentsPath, example, fileReply, performOnly } from "./onboarding-fixtures.js";

const REPO = "/repos/Codertocat/Hello-World";
const HEAD = "a".repeat(40);
const closed = example("pull_request", "closed");
const closedPr = closed.pull_request as Record<string, unknown>;
const PLAN = `# Plan

## Milestone 1: Accounts
### Acceptance criteria
- Users sign up
Size: M

## Milestone 2: Billing
### Acceptance criteria
- Invoices are sent
`;

/** GitHub's `pull_request.closed`, merged, for PR `number` with merge commit `sha`. */
function mergedPr(number: number, sha: string) {
  return {
    ...closed,
    number,
    installation: { id: 82 },
    pull_request: { ...closedPr, number, merged: true, merge_commit_sha: sha },
  };
}

describe("milestones after the kickoff merges", () => {
  let fixture: AppWithProject;
  let github: GitHubNock;
  let kickoffId: number;
  // Deliveries are remembered across tests: each test merges with ids of its own.
  let mergeId: string;
  const db = () => fixture.db;
  const app = () => fixture.app;
  const PLAN_SHA = "c".repeat(40);

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
    mergeId = randomUUID();
    await db().sql`TRUNCATE outbox, stage_runs, work_items CASCADE`;
    const [row] = await db().sql`
      INSERT INTO work_items (project_id, kind, pr_number, title, branch, stage, state, head_sha, approved_sha, last_run_number)
      SELECT id, 'kickoff', 10, 'Kickoff: Bike Shop', 'quantapilot/kickoff-bike-shop', 'plan', 'merging', ${HEAD}, ${HEAD}, 1
      FROM projects RETURNING id`;
    kickoffId = Number(row?.id);
  });
  afterAll(() => fixture.close());

  const items = () =>
    db().sql`SELECT kind, milestone_index, issue_number, state, title FROM work_items
      WHERE parent_id IS NOT NULL ORDER BY kind, milestone_index`;
  const nockPlan = (text: string | null) => {
    const plan = github.get(contentsPath(REPO, "docs/PLAN.md")).query({ ref: PLAN_SHA });
    if (text === null) plan.reply(404, { message: "Not Found" });
    else plan.reply(200, fileReply("docs/PLAN.md", text));
  };
  const nockListed = (issues: unknown[]) =>
    github
      .get(`${REPO}/issues`)
      .query(
        (q) => q.creator === "quantapilot[bot]" && q.state === "all" && typeof q.since === "string",
      )
      .reply(200, issues);

  async function mergeKickoff() {
    await deliverWebhook(app().url, {
      event: "pull_request",
      payload: mergedPr(10, PLAN_SHA),
      id: mergeId,
    });
    nockPlan(PLAN);
    nockListed([]);
    github
      .post(
        `${REPO}/issues`,
        (body) =>
          body.title === "Milestone 1: Accounts" &&
          body.body.includes(milestoneMarker(kickoffId, 1)),
      )
      .reply(201, { number: 21 });
    github
      .post(`${REPO}/issues`, (body) => body.title === "Milestone 2: Billing")
      .reply(201, { number: 22 });
    await performOnly(db(), app(), ["create_milestone_issues"]);
    github.expectDone();
  }

  it("opens one issue per milestone and starts only the first", async () => {
    await mergeKickoff();
    expect(await items()).toEqual([
      {
        kind: "issue",
        milestone_index: 1,
        issue_number: 21,
        state: "running",
        title: "Milestone 1: Accounts",
      },
      {
        kind: "issue",
        milestone_index: 2,
        issue_number: 22,
        state: "queued",
        title: "Milestone 2: Billing",
      },
    ]);
  });

  it("opens nothing twice: a redelivered merge, a re-run effect, a crash before recording", async () => {
    await mergeKickoff();
    await deliverWebhook(app().url, {
      event: "pull_request",
      payload: mergedPr(10, PLAN_SHA),
      id: mergeId,
    });
    // Issues made, then the records lost (a crash between the two): found again by their markers.
    await db().sql`DELETE FROM stage_runs`;
    await db().sql`DELETE FROM work_items WHERE parent_id IS NOT NULL`;
    await db()
      .sql`UPDATE outbox SET status = 'pending', run_after = now() WHERE kind = 'create_milestone_issues'`;
    github = createGitHubNock();
    nockPlan(PLAN);
    nockListed([
      { number: 21, body: `x\n${milestoneMarker(kickoffId, 1)}` },
      { number: 22, body: `y\n${milestoneMarker(kickoffId, 2)}` },
    ]);
    await performOnly(db(), app(), ["create_milestone_issues"]);
    github.expectDone();
    expect((await items()).map((item) => item.issue_number)).toEqual([21, 22]);
    expect(github.requests().filter((r) => r.method === "POST")).toEqual([]);
  });

  it("starts the next milestone when one merges, and the release after the last", async () => {
    await mergeKickoff();
    await db()
      .sql`UPDATE work_items SET state = 'merging', pr_number = 31, head_sha = ${HEAD}, approved_sha = ${HEAD}
      WHERE milestone_index = 1`;
    await db().sql`UPDATE stage_runs SET status = 'cancelled', completed_at = now()`;
    await deliverWebhook(app().url, {
      event: "pull_request",
      payload: mergedPr(31, "d".repeat(40)),
    });
    await performOnly(db(), app(), ["start_next_milestone"]);
    expect((await items()).map((item) => item.state)).toEqual(["done", "running"]);
    await db()
      .sql`UPDATE work_items SET state = 'merging', pr_number = 32, head_sha = ${HEAD}, approved_sha = ${HEAD}
      WHERE milestone_index = 2`;
    await db()
      .sql`UPDATE stage_runs SET status = 'cancelled', completed_at = now() WHERE completed_at IS NULL`;
    await deliverWebhook(app().url, {
      event: "pull_request",
      payload: mergedPr(32, "e".repeat(40)),
    });
    await performOnly(db(), app(), ["start_release", "start_next_milestone"]);
    await db()
      .sql`UPDATE outbox SET status = 'pending', run_after = now() WHERE kind = 'start_release'`;
    await performOnly(db(), app(), ["start_release"]);
    const all = await items();
    expect(all.map((item) => [item.kind, item.state])).toEqual([
      ["issue", "done"],
      ["issue", "done"],
      ["release", "running"],
    ]);
    expect(all[2]?.title).toBe("Release: Bike Shop");
    const runs = await db()
      .sql`SELECT r.stage FROM stage_runs r JOIN work_items w ON w.id = r.work_item_id
      WHERE w.kind = 'release'`;
    expect(runs).toEqual([{ stage: "release" }]);
  });

  it("says on the kickoff's PR when the plan has no milestones, and starts nothing", async () => {
    await deliverWebhook(app().url, { event: "pull_request", payload: mergedPr(10, PLAN_SHA) });
    nockPlan("# Plan\n\nWe will build it.\n");
    github.get(`${REPO}/issues/10/comments`).query(true).reply(200, []);
    github
      .post(`${REPO}/issues/10/comments`, (body) => body.body.includes("names no milestone"))
      .reply(201, { id: 1 });
    await performOnly(db(), app(), ["create_milestone_issues"]);
    github.expectDone();
    expect(await items()).toEqual([]);
    const [effect] = await db()
      .sql`SELECT status FROM outbox WHERE kind = 'create_milestone_issues'`;
    expect(effect?.status).toBe("done");
  });

  it("publishes the release with the stage's notes once its PR merges, and only once", async () => {
    const [release] = await db().sql`
      INSERT INTO work_items (project_id, kind, parent_id, pr_number, title, branch, stage, state, head_sha, approved_sha, last_run_number)
      SELECT project_id, 'release', id, 40, 'Release: Bike Shop', 'quantapilot/release', 'release', 'merging', ${HEAD}, ${HEAD}, 1
      FROM work_items WHERE id = ${kickoffId} RETURNING id`;
    const result = { pr: { title: "Release v1.0.0", body: "## Changes\n- Accounts\n- Billing" } };
    await db()
      .sql`INSERT INTO stage_runs (work_item_id, run_number, stage, status, usd_cap, result, completed_at)
      VALUES (${release?.id}, 1, 'release', 'succeeded', 1, ${db().sql.json(result)}, now())`;
    const sha = "f".repeat(40);
    await deliverWebhook(app().url, { event: "pull_request", payload: mergedPr(40, sha) });
    github.get(`${REPO}/releases`).query(true).reply(200, []);
    github
      .post(
        `${REPO}/releases`,
        (body) =>
          body.tag_name === "v1.0.0" &&
          body.target_commitish === sha &&
          body.name === "Release v1.0.0" &&
          body.body.startsWith("## Changes") &&
          body.generate_release_notes === false,
      )
      .reply(201, { id: 1, tag_name: "v1.0.0" });
    await performOnly(db(), app(), ["publish_release"]);
    github.expectDone();
    // Performed again: the release carries the marker, so nothing is published twice.
    const published = github.requests().find((r) => r.method === "POST")?.body as { body: string };
    await db()
      .sql`UPDATE outbox SET status = 'pending', run_after = now() WHERE kind = 'publish_release'`;
    github
      .get(`${REPO}/releases`)
      .query(true)
      .reply(200, [{ id: 1, tag_name: "v1.0.0", draft: false, body: published.body }]);
    await performOnly(db(), app(), ["publish_release"]);
    github.expectDone();
    expect(github.requests().filter((r) => r.method === "POST")).toHaveLength(1);
  });
});
