import { type ChildProcess, spawn } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { performance } from "node:perf_hooks";
import { gzipSync } from "node:zlib";
import { createTempRepo } from "../action/src/agent/testing/create-temp-repo.js";
import { type FakeOpenAIServer, startFakeOpenAIServer } from "../test/fakes/openai-server.js";
import { aStageSpec } from "../test/fixtures/stage-spec.js";
import { type LocalOidcIssuer, startLocalOidcIssuer } from "../test/helpers/local-oidc-issuer.js";

const BUNDLE = new URL("../action/dist/index.js", import.meta.url).pathname;
const AUDIENCE = "https://quantapilot.bench";
const RUN_TIMEOUT_MS = 60_000;

/** Cold start of the committed bundle beside a bare `node -e 0`, run for run. */
export interface ColdStart {
  runs: number;
  actionMs: { p50: number; p95: number };
  nodeMs: { p50: number; p95: number };
  /** Action p50 over bare node p50. */
  ratioP50: number;
  bundle: { bytes: number; gzipBytes: number };
}

/** Resolves with the time the fake received its next request (the body read whole). */
function nextRequest(server: FakeOpenAIServer): Promise<number> {
  const { requests } = server;
  const push = requests.push.bind(requests);
  return new Promise((resolve) => {
    requests.push = (...items) => {
      resolve(performance.now());
      requests.push = push;
      return push(...items);
    };
  });
}

function exited(child: ChildProcess): Promise<number | null> {
  return new Promise((resolve) => child.on("close", (code) => resolve(code)));
}

/** Spawn to exit of `node -e 0`: what any Node process pays before it runs a line. */
async function timeBareNode(): Promise<number> {
  const start = performance.now();
  await exited(spawn(process.execPath, ["-e", "0"], { stdio: "ignore" }));
  return performance.now() - start;
}

/** Spawn of the bundle, with a runner's environment, to its first LLM request. */
async function timeAction(llm: FakeOpenAIServer, issuer: LocalOidcIssuer): Promise<number> {
  const repo = createTempRepo({ "README.md": "# Octo\n", "src/app.ts": "export const app = 1;\n" });
  const temp = mkdtempSync(join(tmpdir(), "qp-bench-runner-"));
  try {
    const env = runnerEnv(repo.root, temp, issuer, spec(repo.git("rev-parse", "HEAD").trim(), llm));
    const arrived = nextRequest(llm);
    const start = performance.now();
    const child = spawn(process.execPath, [BUNDLE], {
      env,
      cwd: repo.root,
      stdio: ["ignore", "pipe", "pipe"],
    });
    let stderr = "";
    // Kept for the error when the action fails before calling a model (it reports on stdout).
    for (const stream of [child.stdout, child.stderr]) {
      stream?.on("data", (chunk: Buffer) => {
        stderr += chunk.toString("utf8");
      });
    }
    const closed = exited(child);
    const first = await Promise.race([
      arrived,
      closed.then((code) =>
        Promise.reject(
          new Error(`action exited ${code} before any LLM request: ${stderr.slice(-2000)}`),
        ),
      ),
      new Promise<never>((_, reject) =>
        setTimeout(
          () => reject(new Error("action: no LLM request within 60 s")),
          RUN_TIMEOUT_MS,
        ).unref(),
      ),
    ]).finally(() => child.kill("SIGKILL"));
    await closed;
    return first - start;
  } finally {
    repo.remove();
    rmSync(temp, { recursive: true, force: true });
  }
}

function spec(baseSha: string, llm: FakeOpenAIServer): string {
  const chain = [
    { provider: "openai-compatible" as const, model: "gpt-4.1", base_url: llm.baseURL },
  ];
  return JSON.stringify(
    aStageSpec({
      base_sha: baseSha,
      models: { developer: chain },
      audience: AUDIENCE,
      result_url: "http://127.0.0.1:9/api/stage-runs/42/result",
    }),
  );
}

/** What the runner puts in a step's environment for a workflow_dispatch (as the e2e test does). */
function runnerEnv(workspace: string, temp: string, issuer: LocalOidcIssuer, specJson: string) {
  const file = (name: string, text: string) => {
    writeFileSync(join(temp, name), text);
    return join(temp, name);
  };
  const event = {
    inputs: { spec: specJson },
    ref: "refs/heads/main",
    repository: { full_name: "octo-org/octo-repo", default_branch: "main" },
  };
  return {
    PATH: process.env.PATH ?? "",
    HOME: temp,
    CI: "true",
    GITHUB_ACTIONS: "true",
    GITHUB_EVENT_NAME: "workflow_dispatch",
    GITHUB_EVENT_PATH: file("event.json", JSON.stringify(event)),
    GITHUB_OUTPUT: file("output", ""),
    GITHUB_STEP_SUMMARY: file("summary.md", ""),
    GITHUB_WORKSPACE: workspace,
    GITHUB_REPOSITORY: "octo-org/octo-repo",
    GITHUB_RUN_ID: "9000001",
    GITHUB_SERVER_URL: "https://github.com",
    RUNNER_TEMP: temp,
    INPUT_SPEC: specJson,
    ACTIONS_ID_TOKEN_REQUEST_URL: issuer.tokenRequestUrl,
    ACTIONS_ID_TOKEN_REQUEST_TOKEN: issuer.tokenRequestToken,
  };
}

function percentile(values: readonly number[], fraction: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  const value = sorted[Math.max(0, Math.ceil(fraction * sorted.length) - 1)] ?? Number.NaN;
  return Math.round(value * 10) / 10;
}

/**
 * Times `runs` cold starts of the action, each right after a bare
 * `node -e 0`, so both see the same load; one pair first, untimed, warms the disk cache.
 */
export async function measureColdStart(runs: number): Promise<ColdStart> {
  const llm = await startFakeOpenAIServer();
  const issuer = await startLocalOidcIssuer({ audience: AUDIENCE, runId: 9000001 });
  try {
    const action: number[] = [];
    const node: number[] = [];
    for (let i = 0; i <= runs; i++) {
      const pair = [await timeBareNode(), await timeAction(llm, issuer)] as const;
      if (i > 0) [node[i - 1], action[i - 1]] = pair;
    }
    const actionMs = { p50: percentile(action, 0.5), p95: percentile(action, 0.95) };
    const nodeMs = { p50: percentile(node, 0.5), p95: percentile(node, 0.95) };
    const bundle = readFileSync(BUNDLE);
    return {
      runs,
      actionMs,
      nodeMs,
      ratioP50: Math.round((actionMs.p50 / nodeMs.p50) * 100) / 100,
      bundle: { bytes: statSync(BUNDLE).size, gzipBytes: gzipSync(bundle, { level: 9 }).length },
    };
  } finally {
    await llm.close();
    await issuer.close();
  }
}
