import { existsSync } from "node:fs";
import { join } from "node:path";
import nock from "nock";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { createTempRepo, type TempRepo } from "../../action/src/agent/testing/create-temp-repo.js";
import type { StageSpec } from "../../contract/stage-spec.js";
import {
  type FakeOpenAIServer,
  openaiToolCalls,
  startFakeOpenAIServer,
  type WireToolCall,
} from "../fakes/openai-server.js";
import { aStageSpec } from "../fixtures/stage-spec.js";
import { createTestDatabase, type TestDatabase } from "../helpers/database.js";
import { createGitHubNock, type GitHubNock } from "../helpers/github-nock.js";
import { type LocalOidcIssuer, startLocalOidcIssuer } from "../helpers/local-oidc-issuer.js";
import { type SeededRun, seedStageRun } from "../helpers/seed-stage-run.js";
import { startTestServer, type TestServer } from "../helpers/test-server.js";
import { runActionBundle } from "./action-run-bundle.js";

const AUDIENCE = "https://quantapilot.test";
const WORKFLOW_RUN = 9000001;
const CHECK_RUN = 777;
const REPO = "/repos/octo-org/octo-repo";
const BRANCH = "quantapilot/12-add-a-login-page";
// One stage with a human gate after it: what the app does with the result ends in GitHub requests we can list.
const CONFIG = { stages: { issue: ["implement" as const] }, gates: { implement: true } };

let issuer: LocalOidcIssuer;
let db: TestDatabase;
let app: TestServer;
let llm: FakeOpenAIServer;
let github: GitHubNock;
let repo: TempRepo;
let seeded: SeededRun;
let base: string;

beforeAll(async () => {
  nock.disableNetConnect();
  nock.enableNetConnect("127.0.0.1");
  issuer = await startLocalOidcIssuer({ audience: AUDIENCE, runId: WORKFLOW_RUN });
  db = await createTestDatabase();
  app = await startTestServer(db.url, { OIDC_ISSUER: issuer.issuer, OIDC_AUDIENCE: AUDIENCE });
  createGitHubNock()
    .post("/app/installations/77/access_tokens")
    .reply(201, { token: "ghs_test", expires_at: "2099-01-01T00:00:00Z" });
  llm = await startFakeOpenAIServer();
});
afterAll(async () => {
  nock.cleanAll();
  await app.stop();
  await db.drop();
  await issuer.close();
  await llm.close();
  nock.enableNetConnect();
});
beforeEach(async () => {
  await db.sql`TRUNCATE outbox, llm_usage, quality_reports, stage_runs, work_items CASCADE`;
  repo = createTempRepo({ "README.md": "# Octo\n", "src/app.ts": "export const app = 1;\n" });
  base = repo.git("rev-parse", "HEAD").trim();
  seeded = await seedStageRun(db.sql, { branch: BRANCH, config: CONFIG });
  github = createGitHubNock();
});
afterEach(() => {
  repo.remove();
  nock.cleanAll();
});

/** The spec the app dispatched, stored as dispatched and started, routed to the fake model server. */
async function dispatchedSpec(overrides: Partial<StageSpec> = {}): Promise<StageSpec> {
  const chain = [
    { provider: "openai-compatible" as const, model: "gpt-4.1", base_url: llm.baseURL },
  ];
  const spec = aStageSpec({
    stage_run_id: seeded.stageRunId,
    base_sha: base,
    work_branch: BRANCH,
    models: { developer: chain },
    result_url: `${app.url}/api/stage-runs/${seeded.stageRunId}/result`,
    audience: AUDIENCE,
    ...overrides,
  });
  await db.sql`UPDATE stage_runs SET status = 'in_progress', workflow_run_id = ${WORKFLOW_RUN},
      check_run_id = ${CHECK_RUN}, spec = ${db.sql.json(spec)}, base_sha = ${base},
      dispatched_at = now(), started_at = now()
    WHERE id = ${seeded.stageRunId}`;
  await db.sql`TRUNCATE outbox`;
  return spec;
}

function script(...turns: WireToolCall[][]) {
  for (const [i, calls] of turns.entries())
    llm.enqueue(openaiToolCalls(calls.map((call, j) => ({ id: `call_${i}_${j}`, ...call }))));
}

const runAction = (spec: StageSpec) =>
  runActionBundle({
    spec: JSON.stringify(spec),
    workspace: repo.root,
    tokenRequestUrl: issuer.tokenRequestUrl,
    tokenRequestToken: issuer.tokenRequestToken,
  });

/** Runs the app's outbox until nothing is due; a failed effect is retried later, so this ends. */
async function performEffects() {
  for (;;) {
    // The dashboard issue is another feature, with end-to-end tests of its own.
    await db.sql`UPDATE outbox SET status = 'done' WHERE kind = 'update_dashboard'`;
    if (((await app.server.worker?.runOnce()) ?? 0) === 0) return;
  }
}

/** The check run, completed with `conclusion` by its recorded id (no read on a first attempt). */
function completesCheckRun(conclusion: string) {
  github
    .patch(
      `${REPO}/check-runs/${CHECK_RUN}`,
      (body) => body.status === "completed" && body.conclusion === conclusion,
    )
    .reply(200, { id: CHECK_RUN });
}

// Each test starts the bundle as a process and runs a stage: seconds, not milliseconds.
describe("node action/dist/index.js in a runner's environment", { timeout: 90_000 }, () => {
  it("runs the stage, the app accepts the result, commits it, opens the PR and completes the check run", async () => {
    const spec = await dispatchedSpec();
    script(
      [
        {
          name: "write_file",
          arguments: { path: "src/login.ts", content: "export const login = true;\n" },
        },
      ],
      [{ name: "finish", arguments: { summary: "Added the login page." } }],
    );
    const run = await runAction(spec);
    expect(run.stderr).toBe("");
    expect(run.code).toBe(0);
    expect(run.outputs).toMatchObject({
      outcome: "succeeded",
      "stage-run-id": String(seeded.stageRunId),
      "files-changed": "1",
      "result-delivered": "true",
    });
    expect(run.summary).toContain("Succeeded");
    expect(llm.pending()).toBe(0);
    const [stored] = await db.sql`SELECT result FROM stage_runs WHERE id = ${seeded.stageRunId}`;
    expect(stored?.result).toMatchObject({
      outcome: "succeeded",
      changes: [{ path: "src/login.ts" }],
    });

    const NEW = "d".repeat(40);
    github
      .get(`${REPO}/git/ref/${encodeURIComponent(`heads/${BRANCH}`)}`)
      .reply(404, { message: "Not Found" });
    github
      .get(`${REPO}/git/commits/${base}`)
      .reply(200, { sha: base, message: "initial", tree: { sha: "t0" } });
    github
      .post(`${REPO}/git/trees`, {
        base_tree: "t0",
        tree: [
          {
            path: "src/login.ts",
            mode: "100644",
            type: "blob",
            content: "export const login = true;\n",
          },
        ],
      })
      .reply(201, { sha: "t1" });
    github
      .post(`${REPO}/git/commits`, (body) => body.tree === "t1" && body.parents[0] === base)
      .reply(201, { sha: NEW });
    github.post(`${REPO}/git/refs`, { ref: `refs/heads/${BRANCH}`, sha: NEW }).reply(201, {});
    github
      .get(`${REPO}/pulls`)
      .query({ head: `octo-org:${BRANCH}`, state: "open" })
      .reply(200, []);
    github
      .post(`${REPO}/pulls`, (body) => body.head === BRANCH && body.base === "main")
      .reply(201, { number: 34 });
    completesCheckRun("success");
    github.get(`${REPO}/issues/12/comments`).query(true).reply(200, []);
    github
      .post(`${REPO}/issues/12/comments`)
      .reply(201, { id: 888, body: "", user: { login: "quantapilot[bot]", type: "Bot" } });
    await performEffects();
    github.expectDone();
    const [item] = await db.sql`SELECT state, head_sha, pr_number FROM work_items`;
    expect(item).toEqual({ state: "awaiting_approval", head_sha: NEW, pr_number: 34 });
  });

  it("sends nothing to write when the agent writes a workflow through a command", async () => {
    const command = `node -e 'require("fs").mkdirSync(".github/workflows",{recursive:true});require("fs").writeFileSync(".github/workflows/x.yml","on: push")'`;
    const spec = await dispatchedSpec({ allowed_commands: ["node -e"] });
    script(
      [{ name: "write_file", arguments: { path: ".github/workflows/y.yml", content: "on: push" } }],
      [{ name: "run", arguments: { command } }],
      [{ name: "write_file", arguments: { path: "src/ok.ts", content: "export {};\n" } }],
      [{ name: "finish", arguments: { summary: "Done." } }],
    );
    const run = await runAction(spec);
    expect(run.code).toBe(0);
    expect(run.outputs).toMatchObject({
      outcome: "refused_by_guard",
      "files-changed": "0",
      "result-delivered": "true",
    });
    expect(existsSync(join(repo.root, ".github/workflows/y.yml"))).toBe(false);
    const [stored] =
      await db.sql`SELECT status, result FROM stage_runs WHERE id = ${seeded.stageRunId}`;
    expect(stored?.result).toMatchObject({ outcome: "refused_by_guard", changes: [] });
    expect(stored?.result.reason).toMatch(/\.github\/workflows\/x\.yml/);
    completesCheckRun("failure");
    github.get(`${REPO}/issues/12/comments`).query(true).reply(200, []);
    github
      .post(`${REPO}/issues/12/comments`)
      .reply(201, { id: 889, body: "", user: { login: "quantapilot[bot]", type: "Bot" } });
    await performEffects();
    github.expectDone();
    expect(github.requests().filter((r) => r.path.includes("/git/"))).toEqual([]);
  });

  it("fails the job, saying why, when the spec is not a stage spec, and reports nothing", async () => {
    const run = await runActionBundle({
      spec: '{"version": 2}',
      workspace: repo.root,
      tokenRequestUrl: issuer.tokenRequestUrl,
      tokenRequestToken: issuer.tokenRequestToken,
    });
    expect(run.code).toBe(1);
    expect(run.stdout).toMatch(
      /::error::The spec input is not a stage spec this action can run \(version: unsupported version/,
    );
    expect(run.outputs["result-delivered"]).toBeUndefined();
  });
});
