import nock from "nock";
import pino from "pino";
import { ProbotOctokit } from "probot";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { ALWAYS_PROTECTED_PATHS } from "../../contract/config.js";
import {
  decodeStageSpec,
  MAX_STAGE_SPEC_BYTES,
  type StageSpec,
} from "../../contract/stage-spec.js";
import { createTestDatabase, type TestDatabase } from "../../test/helpers/database.js";
import { createGitHubNock, type GitHubNock } from "../../test/helpers/github-nock.js";
import { type SeededRun, seedStageRun, workItemRef } from "../../test/helpers/seed-stage-run.js";
import { performDispatchStage } from "./dispatch-stage.js";
import { RetryLaterError } from "./outbox-worker.js";
import type { PerformerContext } from "./performer-context.js";

const REPO = "/repos/octo-org/octo-repo";
const DISPATCHES = `${REPO}/actions/workflows/quantapilot.yml/dispatches`;
const RUNS = `${REPO}/actions/workflows/quantapilot.yml/runs`;
const HEAD = "c040cae0f0dc81641728557b80f09cfa23b83fe5";
const APP = {
  slug: "quantapilot",
  publicUrl: "https://quantapilot.example.com/",
  audience: "https://quantapilot.example.com",
};
const octokit = new ProbotOctokit({
  auth: { token: "ghs_test" },
  retry: { enabled: false },
  throttle: { enabled: false },
});
const log = pino({ level: "silent" });

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

async function contextFor(seeded: SeededRun): Promise<PerformerContext> {
  const ref = await workItemRef(db.sql, seeded.workItemId);
  return { octokit, sql: db.sql, log, ref, app: APP };
}

const stageRun = async (id: number) => {
  const [row] = await db.sql`
    SELECT status, spec, base_sha, reason, workflow_run_id, dispatched_at IS NOT NULL AS dispatched
    FROM stage_runs WHERE id = ${id}`;
  return row;
};

/** Answers the dispatch and keeps the spec it carried. */
function expectDispatch(): { spec: () => string } {
  let sent = "";
  github
    .post(DISPATCHES, (body: { ref: string; inputs: { spec: string } }) => {
      sent = body.inputs.spec;
      return body.ref === "main" && Object.keys(body.inputs).length === 1;
    })
    .reply(204);
  return { spec: () => sent };
}

function decoded(text: string): StageSpec {
  const result = decodeStageSpec(text);
  if (!result.ok) throw new Error(JSON.stringify(result.errors));
  return result.spec;
}

const mainHead = () =>
  github
    .get(`${REPO}/git/ref/heads%2Fmain`)
    .reply(200, { ref: "refs/heads/main", object: { sha: HEAD, type: "commit" } });

const issue = (body: string) =>
  github.get(`${REPO}/issues/12`).reply(200, {
    number: 12,
    title: "Add a login page",
    body,
    html_url: "https://github.com/octo-org/octo-repo/issues/12",
  });

describe("performDispatchStage", () => {
  it("dispatches a valid spec pinned to the default branch, cutting a huge issue body to fit", async () => {
    const seeded = await seedStageRun(db.sql, {
      branch: null,
      config: {
        protected_paths: ["secrets/**"],
        allowed_commands: ["make test"],
        budgets: { stage_run: { turns: 12, minutes: 20 } },
      },
    });
    mainHead();
    issue(`Please build it. ${"x".repeat(200_000)}`);
    const dispatch = expectDispatch();
    await performDispatchStage(await contextFor(seeded), seeded.dispatch);

    expect(new TextEncoder().encode(dispatch.spec()).byteLength).toBeLessThanOrEqual(
      MAX_STAGE_SPEC_BYTES,
    );
    const spec = decoded(dispatch.spec());
    expect(spec).toMatchObject({
      stage_run_id: seeded.stageRunId,
      repository: { owner: "octo-org", name: "octo-repo", id: 1296269 },
      work_item: { kind: "issue", number: 12, title: "Add a login page" },
      stage: "implement",
      role: "developer",
      work_branch: "quantapilot/12-add-a-login-page",
      base_sha: HEAD,
      limits: { turns: 12, tokens: 2_000_000, usd: 5, minutes: 20 },
      allowed_commands: ["make test"],
      result_url: `https://quantapilot.example.com/api/stage-runs/${seeded.stageRunId}/result`,
      audience: APP.audience,
    });
    expect(spec.protected_paths).toEqual([...ALWAYS_PROTECTED_PATHS, "secrets/**"]);
    expect(Object.keys(spec.models).sort()).toEqual(
      ["architect", "developer", "devops", "qa", "reviewer"].sort(),
    );
    expect(spec.task.startsWith("Add a login page\n\nPlease build it. xxx")).toBe(true);
    expect(spec.task).toMatch(
      /\[truncated: [\d,]+ more characters — full text at https:\/\/github\.com\/octo-org\/octo-repo\/issues\/12\]$/,
    );
    expect(await stageRun(seeded.stageRunId)).toMatchObject({
      status: "dispatched",
      spec,
      base_sha: HEAD,
      dispatched: true,
      workflow_run_id: null,
    });
    const [item] = await db.sql`SELECT branch FROM work_items WHERE id = ${seeded.workItemId}`;
    expect(item?.branch).toBe("quantapilot/12-add-a-login-page");
  });

  it("hands feedback and findings on, and keeps the work item's branch and head", async () => {
    const seeded = await seedStageRun(db.sql, { branch: "quantapilot/12-login" });
    issue("Build it.");
    const dispatch = expectDispatch();
    const effect = {
      ...seeded.dispatch,
      iteration: 1,
      baseSha: "b".repeat(40),
      feedback: [{ actor: "octocat", body: "Use OAuth.", at: "2026-03-01T12:00:00Z" }],
      findings: [
        { summary: "2 tests fail", path: "src/login.test.ts", line: 3 },
        { summary: "(warning) coverage dropped" },
      ],
    };
    await performDispatchStage(await contextFor(seeded), effect);
    const spec = decoded(dispatch.spec());
    expect(spec).toMatchObject({ work_branch: "quantapilot/12-login", base_sha: "b".repeat(40) });
    expect(spec.iteration).toBe(1);
    expect(spec.human_feedback).toEqual([
      {
        author: "octocat",
        body: "Use OAuth.",
        url: "https://github.com/octo-org/octo-repo/issues/12",
      },
    ]);
    expect(spec.prior_findings).toEqual([
      { severity: "error", message: "2 tests fail", path: "src/login.test.ts", line: 3 },
      { severity: "warning", message: "coverage dropped" },
    ]);
  });

  it("plans a kickoff from the README at the pinned commit", async () => {
    const seeded = await seedStageRun(db.sql, { kind: "kickoff", title: "Kickoff: Todo app" });
    mainHead();
    github
      .get(`${REPO}/readme`)
      .query({ ref: HEAD })
      .reply(200, {
        content: Buffer.from("# Todo\nA todo app for teams.\n").toString("base64"),
        encoding: "base64",
        html_url: "https://github.com/octo-org/octo-repo/blob/main/README.md",
        url: "https://api.github.com/repos/octo-org/octo-repo/contents/README.md",
      });
    const dispatch = expectDispatch();
    await performDispatchStage(await contextFor(seeded), seeded.dispatch);
    const spec = decoded(dispatch.spec());
    expect(spec).toMatchObject({
      work_item: { kind: "kickoff", title: "Kickoff: Todo app" },
      stage: "plan",
      role: "architect",
      work_branch: "quantapilot/kickoff-todo-app",
      task: "# Todo\nA todo app for teams.",
    });
    expect(spec.work_item.number).toBeUndefined();
  });

  describe("after an attempt that recorded its dispatch", () => {
    async function dispatchedOnce() {
      const seeded = await seedStageRun(db.sql, { branch: "quantapilot/12-login" });
      mainHead();
      issue("Build it.");
      const first = expectDispatch();
      const context = await contextFor(seeded);
      await performDispatchStage(context, seeded.dispatch);
      github.expectDone();
      // As if the worker died after the request, before it could mark the effect done.
      await db.sql`UPDATE stage_runs SET status = 'queued' WHERE id = ${seeded.stageRunId}`;
      return { seeded, context, firstSpec: first.spec() };
    }

    const listRuns = (runs: object[]) =>
      github
        .get(RUNS)
        .query({ event: "workflow_dispatch", per_page: "100" })
        .reply(200, { total_count: runs.length, workflow_runs: runs });

    it("adopts the workflow run it started instead of dispatching again", async () => {
      const { seeded, context } = await dispatchedOnce();
      listRuns([
        {
          id: 111,
          display_title: "QuantaPilot stage run 999999",
          created_at: new Date().toISOString(),
        },
        {
          id: 555,
          display_title: `QuantaPilot stage run ${seeded.stageRunId}`,
          created_at: new Date().toISOString(),
        },
      ]);
      await performDispatchStage(context, seeded.dispatch);
      expect(await stageRun(seeded.stageRunId)).toMatchObject({
        status: "dispatched",
        workflow_run_id: "555",
      });
      expect(github.requests().filter((r) => r.method === "POST")).toHaveLength(1);
    });

    it("waits for a run that is not listed yet rather than dispatching twice", async () => {
      const { seeded, context } = await dispatchedOnce();
      listRuns([]);
      const again = performDispatchStage(context, seeded.dispatch);
      await expect(again).rejects.toBeInstanceOf(RetryLaterError);
      expect(github.requests().filter((r) => r.method === "POST")).toHaveLength(1);
    });

    it("dispatches the same spec again once the run is overdue", async () => {
      const { seeded, context, firstSpec } = await dispatchedOnce();
      await db.sql`UPDATE stage_runs SET dispatched_at = now() - interval '3 minutes'
        WHERE id = ${seeded.stageRunId}`;
      listRuns([]);
      const second = expectDispatch();
      await performDispatchStage(context, seeded.dispatch);
      expect(second.spec()).toBe(firstSpec);
      expect((await stageRun(seeded.stageRunId))?.status).toBe("dispatched");
    });

    it("does nothing once the workflow run is known", async () => {
      const { seeded, context } = await dispatchedOnce();
      await db.sql`UPDATE stage_runs SET workflow_run_id = 777 WHERE id = ${seeded.stageRunId}`;
      const before = github.requests().length;
      await performDispatchStage(context, seeded.dispatch);
      expect(github.requests()).toHaveLength(before);
    });
  });

  it("does nothing for a run that was closed meanwhile", async () => {
    const seeded = await seedStageRun(db.sql);
    await db.sql`UPDATE stage_runs SET status = 'cancelled', completed_at = now()
      WHERE id = ${seeded.stageRunId}`;
    await performDispatchStage(await contextFor(seeded), seeded.dispatch);
    expect(github.requests()).toEqual([]);
  });

  it("closes the run as failed, saying why, when the workflow file is missing", async () => {
    const seeded = await seedStageRun(db.sql, { branch: "quantapilot/12-login" });
    mainHead();
    issue("Build it.");
    github.post(DISPATCHES).reply(404, { message: "Not Found" });
    await performDispatchStage(await contextFor(seeded), seeded.dispatch);

    const run = await stageRun(seeded.stageRunId);
    expect(run?.status).toBe("failed");
    expect(run?.reason).toMatch(
      /^\.github\/workflows\/quantapilot\.yml was not found on main: merge QuantaPilot's onboarding pull request/,
    );
    const [item] = await db.sql`SELECT state FROM work_items WHERE id = ${seeded.workItemId}`;
    expect(item?.state).toBe("waiting_for_human");
    const [check] = await db.sql<
      { payload: { effect: { conclusion: string; summary: string } } }[]
    >`
      SELECT payload FROM outbox WHERE kind = 'complete_check_run'`;
    expect(check?.payload.effect.conclusion).toBe("failure");
    expect(check?.payload.effect.summary).toContain("was not found on main");
  });

  it("closes the run, saying why, when even a cut spec cannot fit", async () => {
    const protected_paths = Array.from({ length: 150 }, (_, i) => `${i}/${"p".repeat(480)}/**`);
    const seeded = await seedStageRun(db.sql, {
      branch: "quantapilot/12-login",
      config: { protected_paths },
    });
    mainHead();
    issue("Build it.");
    await performDispatchStage(await contextFor(seeded), seeded.dispatch);
    const run = await stageRun(seeded.stageRunId);
    expect(run).toMatchObject({ status: "failed", dispatched: false });
    expect(run?.reason).toMatch(/over the 60000-byte limit of a workflow_dispatch input/);
  });

  it("closes a kickoff whose repository has no README, saying so", async () => {
    const seeded = await seedStageRun(db.sql, { kind: "kickoff", title: "Kickoff" });
    mainHead();
    github.get(`${REPO}/readme`).query({ ref: HEAD }).reply(404, { message: "Not Found" });
    await performDispatchStage(await contextFor(seeded), seeded.dispatch);
    expect((await stageRun(seeded.stageRunId))?.reason).toBe(
      `the repository has no README at ${HEAD} to plan from`,
    );
  });

  it("retries a passing failure later, leaving the run open", async () => {
    const seeded = await seedStageRun(db.sql, { branch: "quantapilot/12-login" });
    mainHead();
    issue("Build it.");
    github.post(DISPATCHES).reply(502, { message: "Bad Gateway" });
    await expect(performDispatchStage(await contextFor(seeded), seeded.dispatch)).rejects.toThrow();
    expect((await stageRun(seeded.stageRunId))?.status).toBe("queued");
  });
});
