import { tmpdir } from "node:os";
import * as core from "@actions/core";
import { findIsolationPrefix } from "./agent/isolate-command.js";
import type { Clock } from "./llm/clock.js";
import { systemClock } from "./llm/clock.js";
import { type MainDeps, type MainOutcome, main } from "./main.js";
import { createActionsArtifactUploader } from "./report/artifact-uploader.js";
import { renderJobSummary, setStageOutputs, writeJobSummary } from "./report/job-summary.js";
import { readDefaultBranch } from "./stages/run/read-default-branch.js";

/** What the runner takes from outside; the entry passes the process's own. */
export interface RunnerDeps {
  env: NodeJS.ProcessEnv;
  promptsDir: string;
  clock?: Clock;
  fetch?: typeof fetch;
  getIdToken?: (audience: string) => Promise<string>;
}

async function mainDeps(deps: RunnerDeps): Promise<MainDeps> {
  const { env } = deps;
  const specText = env.INPUT_SPEC?.trim();
  if (!specText)
    throw new Error(
      // biome-ignore lint/suspicious/noTemplateCurlyInString: a GitHub Actions expression, not JavaScript.
      "Input required and not supplied: spec. Pass `spec: ${{ inputs.spec }}` to the QuantaPilot step.",
    );
  const defaultBranch = await readDefaultBranch(env.GITHUB_EVENT_PATH);
  return {
    specText,
    workspace: env.GITHUB_WORKSPACE ?? process.cwd(),
    env,
    promptsDir: deps.promptsDir,
    tempDir: env.RUNNER_TEMP ?? tmpdir(),
    ...(defaultBranch === undefined ? {} : { defaultBranch }),
    clock: deps.clock ?? systemClock,
    fetch: deps.fetch ?? globalThis.fetch,
    getIdToken: deps.getIdToken ?? ((audience) => core.getIDToken(audience)),
    // Artifacts need the runner's runtime token; a run outside Actions keeps its files in tempDir.
    ...(env.ACTIONS_RUNTIME_TOKEN ? { uploader: createActionsArtifactUploader() } : {}),
    log: (line) => core.info(line),
    // On a runner, project scripts the agent runs must not read this process's keys from /proc (SECURITY.md).
    isolation: env.GITHUB_ACTIONS === "true" ? findIsolationPrefix() : null,
  };
}

async function emit(outcome: MainOutcome, env: NodeJS.ProcessEnv): Promise<void> {
  const { spec, result, report, durationMs, artifacts } = outcome;
  setStageOutputs({ result, report });
  if (!env.GITHUB_STEP_SUMMARY) return;
  const refusals = outcome.run.collected.refusals;
  await writeJobSummary(
    renderJobSummary({ spec, result, report, durationMs, refusals, artifacts }),
  );
}

function failureMessage(outcome: MainOutcome): string {
  if (outcome.report.delivered) return "";
  const kept = outcome.artifacts.find(
    (a) => a.uploaded && a.name.startsWith("quantapilot-result-"),
  );
  const where = kept
    ? ` The result is kept as the artifact ${kept.name}.`
    : ` The result is saved in ${outcome.resultFile ?? "no file"}.`;
  return `${outcome.report.reason}${where}`;
}

/**
 * Reads the inputs and the runner's environment, runs {@link main}, writes
 * the outputs and the job summary. This is the one place an error is caught:
 * the job fails with a message that says what to do. A result the app has
 * (whatever its outcome) ends the job green, since the app's check run is
 * the verdict; a result it does not have fails the job.
 */
export async function runner(deps: RunnerDeps): Promise<void> {
  try {
    const outcome = await main(await mainDeps(deps));
    await emit(outcome, deps.env);
    if (!outcome.report.delivered) core.setFailed(failureMessage(outcome));
  } catch (error) {
    core.setFailed(error instanceof Error ? error.message : String(error));
  }
}
