import { spawn } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

/** The committed bundle, as `runs.main` of action.yml names it. */
export const ACTION_BUNDLE = "action/dist/index.js";

/** What a run of the bundle left behind. */
export interface ActionRun {
  code: number | null;
  stdout: string;
  stderr: string;
  /** `GITHUB_OUTPUT`, parsed. */
  outputs: Record<string, string>;
  /** `GITHUB_STEP_SUMMARY`. */
  summary: string;
}

/** The runner's side of a job: its workspace and what Actions puts in the step's environment. */
export interface RunnerSetup {
  spec: string;
  workspace: string;
  /** The OIDC token request endpoint, as `ACTIONS_ID_TOKEN_REQUEST_URL`/`_TOKEN`. */
  tokenRequestUrl: string;
  tokenRequestToken: string;
  /** The step's `env:` (API keys, base URLs). */
  env?: Record<string, string>;
}

// GITHUB_OUTPUT holds `name<<delimiter\nvalue\ndelimiter` blocks (@actions/core's file command).
function parseOutputs(text: string): Record<string, string> {
  const outputs: Record<string, string> = {};
  const block = /^([\w-]+)<<(\S+)\n([\s\S]*?)\n\2$/gm;
  for (const match of text.matchAll(block)) outputs[match[1] ?? ""] = match[3] ?? "";
  return outputs;
}

/**
 * Runs `node action/dist/index.js` as the runner would for a
 * workflow_dispatch of octo-org/octo-repo: INPUT_SPEC, GITHUB_WORKSPACE,
 * GITHUB_EVENT_PATH, GITHUB_OUTPUT, GITHUB_STEP_SUMMARY, RUNNER_TEMP and
 * the OIDC request variables, with no other environment than PATH.
 */
export async function runActionBundle(setup: RunnerSetup): Promise<ActionRun> {
  const temp = mkdtempSync(join(tmpdir(), "qp-runner-"));
  const files = {
    event: join(temp, "event.json"),
    output: join(temp, "output"),
    summary: join(temp, "summary.md"),
  };
  writeFileSync(
    files.event,
    JSON.stringify({
      inputs: { spec: setup.spec },
      ref: "refs/heads/main",
      repository: { full_name: "octo-org/octo-repo", default_branch: "main" },
    }),
  );
  writeFileSync(files.output, "");
  writeFileSync(files.summary, "");
  const env = {
    PATH: process.env.PATH ?? "",
    HOME: temp,
    CI: "true",
    GITHUB_ACTIONS: "true",
    GITHUB_EVENT_NAME: "workflow_dispatch",
    GITHUB_EVENT_PATH: files.event,
    GITHUB_OUTPUT: files.output,
    GITHUB_STEP_SUMMARY: files.summary,
    GITHUB_WORKSPACE: setup.workspace,
    GITHUB_REPOSITORY: "octo-org/octo-repo",
    GITHUB_RUN_ID: "9000001",
    GITHUB_SERVER_URL: "https://github.com",
    RUNNER_TEMP: temp,
    INPUT_SPEC: setup.spec,
    ACTIONS_ID_TOKEN_REQUEST_URL: setup.tokenRequestUrl,
    ACTIONS_ID_TOKEN_REQUEST_TOKEN: setup.tokenRequestToken,
    ...setup.env,
  };
  try {
    const { code, stdout, stderr } = await spawnNode(ACTION_BUNDLE, env, setup.workspace);
    const outputs = parseOutputs(readFileSync(files.output, "utf8"));
    return { code, stdout, stderr, outputs, summary: readFileSync(files.summary, "utf8") };
  } finally {
    rmSync(temp, { recursive: true, force: true });
  }
}

function spawnNode(script: string, env: Record<string, string>, cwd: string) {
  return new Promise<{ code: number | null; stdout: string; stderr: string }>((resolve, reject) => {
    const child = spawn(process.execPath, [join(process.cwd(), script)], { env, cwd });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (chunk: Buffer) => {
      stdout += chunk.toString("utf8");
    });
    child.stderr.on("data", (chunk: Buffer) => {
      stderr += chunk.toString("utf8");
    });
    child.on("error", reject);
    child.on("close", (code) => resolve({ code, stdout, stderr }));
  });
}
