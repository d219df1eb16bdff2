import { type ChildProcess, spawn } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { performance } from "node:perf_hooks";
import { createTempRepo } from "../action/src/agent/testing/create-temp-repo.js";
import type { FakeOpenAIServer } from "../test/fakes/openai-server.js";
import { aStageSpec } from "../test/fixtures/stage-spec.js";
import type { LocalOidcIssuer } from "../test/helpers/local-oidc-issuer.js";
import { runnerEnv } from "./action-runner-env.js";

const BUNDLE = new URL("../action/dist/index.js", import.meta.url).pathname;
/** The OIDC audience the cold-start specs name (the issuer must be started with it). */
export const AUDIENCE = "https://quantapilot.bench";
const RUN_TIMEOUT_MS = 60_000;

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
export async function timeBareNode(): Promise<number> {
  const start = performance.now();
  await exited(spawn(process.execPath, ["-e", "0"], { stdio: "ignore" }));
  return performance.now() - start;
}

/** Spawn of the bundle, with a runner's environment, to its first LLM request. */
export async function timeAction(llm: FakeOpenAIServer, issuer: LocalOidcIssuer): Promise<number> {
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
