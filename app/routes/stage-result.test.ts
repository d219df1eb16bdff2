import { generateKeyPair } from "jose";
import nock from "nock";
import pino from "pino";
import { ProbotOctokit } from "probot";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import type { StageResult } from "../../contract/stage-result.js";
import { aStageResult } from "../../test/fixtures/stage-result.js";
import { aStageSpec } from "../../test/fixtures/stage-spec.js";
import { createTestDatabase, type TestDatabase } from "../../test/helpers/database.js";
import { createGitHubNock, type GitHubNock } from "../../test/helpers/github-nock.js";
import {
  type LocalOidcIssuer,
  startLocalOidcIssuer,
} from "../../test/helpers/local-oidc-issuer.js";
import { type SeededRun, seedStageRun, workItemRef } from "../../test/helpers/seed-stage-run.js";
import { performWriteResult } from "../effects/write-result.js";
import { createHttpServer, type HttpServer } from "../http/create-http-server.js";
import { createOidcVerifier } from "../oidc/verify-oidc-token.js";
import { type StageResultRouteDeps, stageResultRoute } from "./stage-result.js";

const AUDIENCE = "https://quantapilot.test";
const WORKFLOW_RUN = 9000001;
const BASE = "c040cae0f0dc81641728557b80f09cfa23b83fe5";
const REPO = "/repos/octo-org/octo-repo";
const log = pino({ level: "silent" });
const octokit = new ProbotOctokit({
  auth: { token: "ghs_test" },
  retry: { enabled: false },
  throttle: { enabled: false },
});

let db: TestDatabase;
let issuer: LocalOidcIssuer;
let http: HttpServer;
let url: string;
let github: GitHubNock;
let seeded: SeededRun;

beforeAll(async () => {
  nock.disableNetConnect();
  nock.enableNetConnect("127.0.0.1");
  db = await createTestDatabase();
  issuer = await startLocalOidcIssuer({ audience: AUDIENCE, runId: WORKFLOW_RUN });
  const deps: StageResultRouteDeps = {
    sql: db.sql,
    verifier: createOidcVerifier({ issuer: issuer.issuer, audience: AUDIENCE }),
    appSlug: "quantapilot",
    octokitFor: async () => octokit,
    log,
  };
  http = createHttpServer([stageResultRoute(deps)], log);
  const { port } = await http.listen(0, "127.0.0.1");
  url = `http://127.0.0.1:${port}`;
});
afterAll(async () => {
  await http.close(1_000);
  await issuer.close();
  await db.drop();
});
beforeEach(async () => {
  await db.sql`TRUNCATE outbox, llm_usage, quality_reports, stage_runs, work_items CASCADE`;
  seeded = await seedStageRun(db.sql, { branch: "quantapilot/12-add-a-login-page" });
  // Dispatched and started: the spec is stored and the workflow run known.
  const spec = aStageSpec({ stage_run_id: seeded.stageRunId, base_sha: BASE });
  await db.sql`UPDATE stage_runs SET status = 'in_progress', workflow_run_id = ${WORKFLOW_RUN},
      spec = ${db.sql.json(spec)}, base_sha = ${BASE}, dispatched_at = now(), started_at = now()
    WHERE id = ${seeded.stageRunId}`;
  await db.sql`TRUNCATE outbox`;
  github = createGitHubNock();
});
afterEach(() => {
  github.expectDone();
  nock.cleanAll();
});

const resultFor = (overrides: Partial<StageResult> = {}) =>
  aStageResult({ stage_run_id: seeded.stageRunId, ...overrides });

async function post(
  body: unknown,
  { token, id = seeded.stageRunId }: { token?: string | null; id?: number } = {},
) {
  const bearer = token === undefined ? await issuer.mint() : token;
  const response = await fetch(`${url}/api/stage-runs/${id}/result`, {
    method: "POST",
    headers: {
      "content-type": "application/json",
      ...(bearer !== null && { authorization: `Bearer ${bearer}` }),
    },
    body: typeof body === "string" ? body : JSON.stringify(body),
  });
  return { status: response.status, body: (await response.json()) as Record<string, unknown> };
}

/** Everything the intake could have changed. */
async function snapshot() {
  return {
    runs: await db.sql`SELECT id, status, reason, result, workflow_run_id, usd_spent, completed_at
      FROM stage_runs ORDER BY id`,
    items: await db.sql`SELECT state, stage, head_sha, spent_usd, pr_number FROM work_items`,
    projects: await db.sql`SELECT spent_usd FROM projects`,
    outbox: await db.sql`SELECT idempotency_key, kind, payload FROM outbox ORDER BY id`,
    usage: await db.sql`SELECT * FROM llm_usage`,
    quality: await db.sql`SELECT * FROM quality_reports`,
  };
}

async function expectRefusedUntouched<T extends { status: number }>(
  send: () => Promise<T>,
  status: number,
): Promise<T> {
  const before = await snapshot();
  const answer = await send();
  expect(answer.status).toBe(status);
  expect(await snapshot()).toEqual(before);
  expect(github.requests()).toEqual([]);
  return answer;
}

const ref = (r: string) => ({
  workflow_ref: `octo-org/octo-repo/.github/workflows/quantapilot.yml@${r}`,
  job_workflow_ref: `octo-org/octo-repo/.github/workflows/quantapilot.yml@${r}`,
});

describe("POST /api/stage-runs/{id}/result refuses, changing nothing", () => {
  const tokens: [string, () => Promise<string | null>, number, RegExp][] = [
    ["no token", async () => null, 401, /bearer token is required/],
    ["a token that is not a JWT", async () => "not-a-jwt", 401, /well-formed/],
    [
      "a forged token",
      async () => issuer.mint({}, { key: (await generateKeyPair("RS256")).privateKey }),
      401,
      /signature/i,
    ],
    ["an expired token", () => issuer.mint({}, { expiresIn: -600 }), 401, /expired/i],
    [
      "a token for another audience",
      () => issuer.mint({}, { audience: "https://evil.test" }),
      401,
      /audience/i,
    ],
    [
      "a token from another repository",
      () => issuer.mint({ repository: "evil/octo-repo" }),
      403,
      /repository evil\/octo-repo/,
    ],
    [
      "a token from a workflow edited on a PR branch",
      () => issuer.mint({ ...ref("refs/pull/7/merge"), event_name: "pull_request" }),
      403,
      /pull_request run/,
    ],
    [
      "a token from the workflow on another branch",
      () => issuer.mint(ref("refs/heads/feature")),
      403,
      /default branch/,
    ],
    ["a token from another workflow run", () => issuer.mint({ run_id: "123" }), 403, /run 123/],
    ["a run a person started", () => issuer.mint({ actor: "mallory" }), 403, /started by mallory/],
  ];

  it.each(tokens)("%s", async (_case, token, status, message) => {
    const bearer = await token();
    const answer = await expectRefusedUntouched(() => post(resultFor(), { token: bearer }), status);
    expect(String(answer.body.error)).toMatch(message);
  });

  it("an unknown stage run: 404", async () => {
    await expectRefusedUntouched(() => post(resultFor(), { id: 987654 }), 404);
  });

  it("a closed run: 409 with why", async () => {
    await db.sql`UPDATE stage_runs SET status = 'cancelled', reason = 'cancelled by /cancel',
      completed_at = now() WHERE id = ${seeded.stageRunId}`;
    const answer = await expectRefusedUntouched(() => post(resultFor()), 409);
    expect(answer).toMatchObject({
      body: { error: expect.stringMatching(/is cancelled: cancelled by \/cancel/) },
    });
  });

  it("a second result for the same run: 409", async () => {
    const first = await post(resultFor({ changes: [], outcome: "no_changes" }));
    expect(first.status).toBe(202);
    await db.sql`UPDATE stage_runs SET status = 'in_progress', completed_at = NULL
      WHERE id = ${seeded.stageRunId}`;
    const answer = await expectRefusedUntouched(() => post(resultFor()), 409);
    expect(answer).toMatchObject({
      body: { error: expect.stringMatching(/already has a result/) },
    });
  });

  it("two copies of one result at once: one is taken, the other 409", async () => {
    const result = resultFor({ changes: [], outcome: "no_changes" });
    const answers = await Promise.all([post(result), post(result)]);
    expect(answers.map((a) => a.status).sort()).toEqual([202, 409]);
    const usage = await db.sql`SELECT count(*)::int AS n FROM llm_usage`;
    expect(usage[0]?.n).toBe(1);
  });

  it("a body over 10 MB: 413", async () => {
    await expectRefusedUntouched(() => post("x".repeat(10 * 1024 * 1024 + 1)), 413);
  });

  it("malformed JSON: 400", async () => {
    const answer = await expectRefusedUntouched(() => post("{"), 400);
    expect(answer).toMatchObject({ body: { error: expect.stringMatching(/not JSON/) } });
  });

  it("a body that breaks the schema: 400 naming each key path", async () => {
    const broken = { ...resultFor(), reason: "", changes: [{ path: "a", action: "chmod" }] };
    const answer = await expectRefusedUntouched(() => post(broken), 400);
    const paths = (answer.body.errors as { path: string }[]).map((e) => e.path);
    expect(paths).toEqual(expect.arrayContaining(["reason", "changes.0.action"]));
  });

  it("a result for another run: 400", async () => {
    await expectRefusedUntouched(
      () => post(resultFor({ stage_run_id: seeded.stageRunId + 1 })),
      400,
    );
  });

  it("anything but POST: 405", async () => {
    const response = await fetch(`${url}/api/stage-runs/${seeded.stageRunId}/result`);
    expect(response.status).toBe(405);
  });
});

describe("POST /api/stage-runs/{id}/result refuses results it will not write", () => {
  const ghp = `ghp_${"A1b2C3d4E5".repeat(4)}`;
  const file = (path: string, content = "x\n") => [
    { path, action: "upsert" as const, encoding: "utf8" as const, content },
  ];
  const cases: [string, Partial<StageResult>, RegExp][] = [
    ["a protected path", { changes: file(".github/workflows/ci.yml") }, /is protected by/],
    ["a path escaping the repository", { changes: file("../outside.txt") }, /"\.\." segment/],
    [
      "a secret in a file",
      { changes: file("src/config.ts", `token = "${ghp}"\n`) },
      /GitHub token/,
    ],
    [
      "a secret in the PR body",
      { pr: { title: "Login", body: `uses ${ghp}` } },
      /pr\.body contains/,
    ],
  ];

  it.each(cases)(
    "%s: 422, the run closed as refused, nothing queued to write",
    async (_c, patch, why) => {
      const answer = await post(resultFor(patch));
      expect(answer).toMatchObject({ status: 422, body: { status: "refused" } });
      expect((answer.body.reasons as string[]).join("\n")).toMatch(why);
      const [run] =
        await db.sql`SELECT status, reason, result FROM stage_runs WHERE id = ${seeded.stageRunId}`;
      expect(run?.status).toBe("refused");
      expect(run?.reason).toMatch(why);
      expect(JSON.stringify(run?.result)).not.toContain(ghp);
      const kinds = await db.sql`SELECT kind FROM outbox ORDER BY id`;
      expect(kinds.map((k) => k.kind)).toEqual([
        "complete_check_run",
        "update_status_comment",
        "update_dashboard",
      ]);
      const [item] = await db.sql`SELECT state, head_sha FROM work_items`;
      expect(item).toEqual({ state: "waiting_for_human", head_sha: null });
      expect(github.requests()).toEqual([]);
    },
  );
});

describe("POST /api/stage-runs/{id}/result accepts", () => {
  it("stores a valid result, queues its writing, and the performer writes it", async () => {
    const result = resultFor();
    const answer = await post(result);
    expect(answer).toEqual({
      status: 202,
      body: { status: "accepted", stage_run_id: seeded.stageRunId, writing: true },
    });
    expect(github.requests()).toEqual([]);
    const [run] =
      await db.sql`SELECT status, result, usd_spent FROM stage_runs WHERE id = ${seeded.stageRunId}`;
    expect(run).toEqual({ status: "in_progress", result, usd_spent: "0.061200" });
    const usage = await db.sql`SELECT provider, model, input_tokens, usd FROM llm_usage`;
    expect(usage).toEqual([
      { provider: "anthropic", model: "claude-sonnet-4-5", input_tokens: "12000", usd: "0.061200" },
    ]);
    const outbox = await db.sql`SELECT idempotency_key, kind, payload FROM outbox`;
    expect(outbox).toEqual([
      {
        idempotency_key: `result:${seeded.stageRunId}`,
        kind: "write_result",
        payload: {
          workItemId: seeded.workItemId,
          effect: { type: "write_result", stageRunId: seeded.stageRunId },
        },
      },
    ]);

    const branch = "heads%2Fquantapilot%2F12-add-a-login-page";
    const NEW = "d".repeat(40);
    github.get(`${REPO}/git/ref/${branch}`).reply(404, { message: "Not Found" });
    github
      .get(`${REPO}/git/commits/${BASE}`)
      .reply(200, { sha: BASE, message: "Initial", tree: { sha: "t0" } });
    github
      .post(`${REPO}/git/trees`, {
        base_tree: "t0",
        tree: [{ path: "src/login.ts", mode: "100644", type: "blob", content: "export {};\n" }],
      })
      .reply(201, { sha: "t1" });
    github
      .post(`${REPO}/git/commits`, {
        message: `${result.commit_message}\n\nQuantaPilot-Stage-Run: ${seeded.stageRunId}`,
        tree: "t1",
        parents: [BASE],
      })
      .reply(201, { sha: NEW });
    github
      .post(`${REPO}/git/refs`, { ref: "refs/heads/quantapilot/12-add-a-login-page", sha: NEW })
      .reply(201, {});
    github
      .get(`${REPO}/pulls`)
      .query({ head: "octo-org:quantapilot/12-add-a-login-page", state: "open" })
      .reply(200, []);
    github
      .post(`${REPO}/pulls`, {
        title: "Add a login page",
        head: "quantapilot/12-add-a-login-page",
        base: "main",
        body: "Adds `src/login.ts`.\n\nCloses #12",
      })
      .reply(201, { number: 34 });
    const ref = await workItemRef(db.sql, seeded.workItemId);
    const context = {
      octokit,
      sql: db.sql,
      log,
      ref,
      app: { slug: "quantapilot", publicUrl: url, audience: AUDIENCE },
    };
    await performWriteResult(context, { type: "write_result", stageRunId: seeded.stageRunId });
    github.expectDone();

    const runs =
      await db.sql`SELECT run_number, stage, status, head_sha FROM stage_runs ORDER BY id`;
    expect(runs).toEqual([
      { run_number: 1, stage: "implement", status: "succeeded", head_sha: NEW },
      { run_number: 2, stage: "test", status: "queued", head_sha: null },
    ]);
    const [item] =
      await db.sql`SELECT stage, state, head_sha, pr_number, spent_usd FROM work_items`;
    expect(item).toEqual({
      stage: "test",
      state: "running",
      head_sha: NEW,
      pr_number: 34,
      spent_usd: "0.061200",
    });
    const kinds = await db.sql`SELECT kind FROM outbox WHERE kind <> 'write_result' ORDER BY id`;
    expect(kinds.map((k) => k.kind)).toEqual([
      "complete_check_run",
      "create_check_run",
      "dispatch_stage",
      "update_status_comment",
      "update_dashboard",
    ]);

    // A retry of the effect finds the run closed and writes nothing.
    const before = github.requests().length;
    await performWriteResult(context, { type: "write_result", stageRunId: seeded.stageRunId });
    expect(github.requests()).toHaveLength(before);
  });

  it("accepts a result with nothing to write at once", async () => {
    const answer = await post(
      resultFor({ outcome: "no_changes", changes: [], reason: "Already done." }),
    );
    expect(answer).toMatchObject({ status: 202, body: { writing: false } });
    const [run] = await db.sql`SELECT status FROM stage_runs WHERE id = ${seeded.stageRunId}`;
    expect(run?.status).toBe("succeeded");
    const kinds = await db.sql`SELECT kind FROM outbox ORDER BY id`;
    expect(kinds.map((k) => k.kind)).toEqual([
      "complete_check_run",
      "update_status_comment",
      "update_dashboard",
    ]);
    expect(github.requests()).toEqual([]);
  });

  it("binds a run whose workflow run is not known yet, by the run's name", async () => {
    await db.sql`UPDATE stage_runs SET workflow_run_id = NULL WHERE id = ${seeded.stageRunId}`;
    github.get(`${REPO}/actions/runs/${WORKFLOW_RUN}`).reply(200, {
      id: WORKFLOW_RUN,
      display_title: `QuantaPilot stage run ${seeded.stageRunId}`,
    });
    const answer = await post(resultFor({ outcome: "no_changes", changes: [] }));
    expect(answer.status).toBe(202);
    const [run] =
      await db.sql`SELECT workflow_run_id FROM stage_runs WHERE id = ${seeded.stageRunId}`;
    expect(run?.workflow_run_id).toBe(String(WORKFLOW_RUN));
  });

  it("refuses a token from a run dispatched for another stage run", async () => {
    await db.sql`UPDATE stage_runs SET workflow_run_id = NULL WHERE id = ${seeded.stageRunId}`;
    github
      .get(`${REPO}/actions/runs/${WORKFLOW_RUN}`)
      .reply(200, { id: WORKFLOW_RUN, display_title: "QuantaPilot stage run 1" });
    const before = await snapshot();
    const answer = await post(resultFor());
    expect(answer.status).toBe(403);
    expect(await snapshot()).toEqual(before);
  });
});
