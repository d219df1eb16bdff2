import nock from "nock";
import pino from "pino";
import { ProbotOctokit } from "probot";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import type { StageName } from "../../contract/config.js";
import type { StageResult } from "../../contract/stage-result.js";
import { aStageResult } from "../../test/fixtures/stage-result.js";
import { aStageSpec } from "../../test/fixtures/stage-spec.js";
import { createTestDatabase, type TestDatabase } from "../../test/helpers/database.js";
import { createGitHubNock, type GitHubNock } from "../../test/helpers/github-nock.js";
import { seedStageRun, workItemRef } from "../../test/helpers/seed-stage-run.js";
import { reviewMarker } from "../results/post-review.js";
import type { PerformerContext } from "./performer-context.js";
import { performWriteResult } from "./write-result.js";

const REPO = "/repos/octo-org/octo-repo";
const BRANCH = "quantapilot/12-login";
const REF = `${REPO}/git/ref/heads%2Fquantapilot%2F12-login`;
const BASE = "a".repeat(40);
const MOVED = "b".repeat(40);
const NEW = "c".repeat(40);
const log = pino({ level: "silent" });
const octokit = new ProbotOctokit({
  auth: { token: "ghs_test" },
  retry: { enabled: false },
  throttle: { enabled: false },
});

let db: TestDatabase;
let github: GitHubNock;
beforeAll(async () => {
  nock.disableNetConnect();
  db = await createTestDatabase();
});
afterAll(() => db.drop());
beforeEach(async () => {
  await db.sql`TRUNCATE outbox, llm_usage, quality_reports, stage_runs, work_items CASCADE`;
  github = createGitHubNock();
});
afterEach(() => {
  github.expectDone();
  nock.cleanAll();
});

/** A run of `stage` in progress on BASE, its result stored as the intake stores it. */
async function storedResult(stage: StageName, result: (id: number) => StageResult) {
  const seeded = await seedStageRun(db.sql, { branch: BRANCH, stage });
  const id = seeded.stageRunId;
  const spec = aStageSpec({ stage_run_id: id, work_branch: BRANCH, base_sha: BASE });
  await db.sql`UPDATE work_items SET head_sha = ${BASE} WHERE id = ${seeded.workItemId}`;
  await db.sql`UPDATE stage_runs SET status = 'in_progress', workflow_run_id = 1, base_sha = ${BASE},
      spec = ${db.sql.json(spec)}, result = ${db.sql.json(result(id))}, dispatched_at = now()
    WHERE id = ${id}`;
  await db.sql`TRUNCATE outbox`;
  const ref = await workItemRef(db.sql, seeded.workItemId);
  const context: PerformerContext = {
    octokit,
    sql: db.sql,
    log,
    ref,
    app: { slug: "quantapilot", publicUrl: "https://qp.test", audience: "https://qp.test" },
  };
  return {
    id,
    workItemId: seeded.workItemId,
    write: () => performWriteResult(context, { type: "write_result", stageRunId: id }),
  };
}

const runRow = async (id: number) =>
  (await db.sql`SELECT status, reason, head_sha FROM stage_runs WHERE id = ${id}`)[0];

const openPr = (pr: { number: number; title: string; body: string } | undefined) =>
  github
    .get(`${REPO}/pulls`)
    .query({ head: `octo-org:${BRANCH}`, state: "open" })
    .reply(200, pr ? [pr] : []);

describe("performWriteResult", () => {
  it("refuses the result, naming the paths, when the branch moved over the same files", async () => {
    const run = await storedResult("implement", (id) => aStageResult({ stage_run_id: id }));
    github
      .get(REF)
      .reply(200, { ref: `refs/heads/${BRANCH}`, object: { sha: MOVED, type: "commit" } });
    github
      .get(`${REPO}/git/commits/${MOVED}`)
      .reply(200, { sha: MOVED, message: "by hand", tree: { sha: "t" } });
    github
      .get(`${REPO}/compare/${BASE}...${MOVED}`)
      .reply(200, { files: [{ filename: "src/login.ts", status: "modified" }] });
    await run.write();
    expect(await runRow(run.id)).toEqual({
      status: "refused",
      reason: expect.stringContaining('changed the same files ("src/login.ts")'),
      head_sha: null,
    });
    const [check] = await db.sql<{ payload: { effect: { conclusion: string } } }[]>`
      SELECT payload FROM outbox WHERE kind = 'complete_check_run'`;
    expect(check?.payload.effect.conclusion).toBe("action_required");
  });

  it("recognises its own commit and open PR on a retry, and updates a PR whose text changed", async () => {
    const run = await storedResult("implement", (id) => aStageResult({ stage_run_id: id }));
    github
      .get(REF)
      .reply(200, { ref: `refs/heads/${BRANCH}`, object: { sha: NEW, type: "commit" } });
    github.get(`${REPO}/git/commits/${NEW}`).reply(200, {
      sha: NEW,
      message: `Add the login page\n\nQuantaPilot-Stage-Run: ${run.id}`,
      tree: { sha: "t" },
    });
    openPr({ number: 34, title: "Old title", body: "Old body" });
    github
      .patch(`${REPO}/pulls/34`, {
        title: "Add a login page",
        body: "Adds `src/login.ts`.\n\nCloses #12",
      })
      .reply(200, { number: 34 });
    await run.write();
    expect(await runRow(run.id)).toMatchObject({ status: "succeeded", head_sha: NEW });
    const [item] = await db.sql`SELECT head_sha, pr_number FROM work_items`;
    expect(item).toEqual({ head_sha: NEW, pr_number: 34 });
  });

  describe("a review", () => {
    const review = (id: number) =>
      aStageResult({
        stage_run_id: id,
        changes: [],
        pr: { title: "", body: "" },
        review: {
          event: "APPROVE",
          body: "Clean and tested.",
          comments: [{ path: "src/login.ts", line: 1, body: "Nice." }],
        },
      });
    const pr = { number: 34, title: "Add a login page", body: "Adds it." };

    it("is posted once, as a comment carrying the verdict, and the pipeline hears it", async () => {
      const run = await storedResult("review", review);
      openPr(pr);
      github.get(`${REPO}/pulls/34/reviews`).query({ per_page: "100" }).reply(200, []);
      github
        .post(`${REPO}/pulls/34/reviews`, {
          commit_id: BASE,
          event: "COMMENT",
          body: `**QuantaPilot review: approved.**\n\nClean and tested.\n\n${reviewMarker(run.id)}`,
          comments: [{ path: "src/login.ts", line: 1, side: "RIGHT", body: "Nice." }],
        })
        .reply(200, { id: 1 });
      await run.write();
      expect(await runRow(run.id)).toMatchObject({ status: "succeeded", head_sha: null });
      const [item] = await db.sql`SELECT state, head_sha FROM work_items`;
      expect(item).toEqual({ state: "awaiting_approval", head_sha: BASE });
    });

    it("folds inline comments GitHub refuses into the body", async () => {
      const run = await storedResult("review", review);
      openPr(pr);
      github.get(`${REPO}/pulls/34/reviews`).query({ per_page: "100" }).reply(200, []);
      github
        .post(
          `${REPO}/pulls/34/reviews`,
          (body: { comments: unknown[] }) => body.comments.length === 1,
        )
        .reply(422, { message: "Pull request review thread line must be part of the diff" });
      github
        .post(`${REPO}/pulls/34/reviews`, {
          commit_id: BASE,
          event: "COMMENT",
          body: `**QuantaPilot review: approved.**\n\nClean and tested.\n\n- \`src/login.ts:1\`: Nice.\n\n${reviewMarker(run.id)}`,
          comments: [],
        })
        .reply(200, { id: 2 });
      await run.write();
      expect((await runRow(run.id))?.status).toBe("succeeded");
    });

    it("is not posted twice after a crash", async () => {
      const run = await storedResult("review", review);
      openPr(pr);
      github
        .get(`${REPO}/pulls/34/reviews`)
        .query({ per_page: "100" })
        .reply(200, [{ id: 1, body: `Clean.\n\n${reviewMarker(run.id)}` }]);
      await run.write();
      expect((await runRow(run.id))?.status).toBe("succeeded");
    });
  });
});
