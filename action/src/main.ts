import { join } from "node:path";
import type { StageResult } from "../../contract/stage-result.js";
import { decodeStageSpec, type StageSpec } from "../../contract/stage-spec.js";
import type { Env } from "./agent/redactor.js";
import type { Clock } from "./llm/clock.js";
import type { ArtifactUpload, ArtifactUploader } from "./report/artifact-uploader.js";
import { type ReportOutcome, reportResult } from "./report/report-result.js";
import { uploadTranscriptArtifact, writeTranscriptFile } from "./report/transcript-file.js";
import { uploadResultArtifact, writeResultFile } from "./report/upload-result-artifact.js";
import { buildStageResult } from "./stages/run/build-stage-result.js";
import { resolveDiffBase } from "./stages/run/resolve-diff-base.js";
import { runPinnedStage } from "./stages/run/run-pinned-stage.js";
import type { StageRunOutput } from "./stages/run/run-stage.js";

/** Everything main needs from outside; the runner passes the real ones, tests their own. */
export interface MainDeps {
  /** The `spec` input. */
  specText: string;
  /** The checkout (`GITHUB_WORKSPACE`). */
  workspace: string;
  /** The process environment: keys for the models; commands get a scrubbed copy. */
  env: Env;
  /** The action's `prompts/` directory. */
  promptsDir: string;
  /** Where the transcript file is written (`RUNNER_TEMP`). */
  tempDir: string;
  /** The repository's default branch, from the event, for the review diff. */
  defaultBranch?: string;
  clock: Clock;
  fetch: typeof fetch;
  getIdToken: (audience: string) => Promise<string>;
  /** Saves workflow artifacts; without one (outside Actions) files stay in `tempDir`. */
  uploader?: ArtifactUploader;
  log: (line: string) => void;
  /** A prefix that runs each command isolated from this process (`findIsolationPrefix`); none: run as is. */
  isolation?: readonly string[] | null;
}

/** What the run did and whether the app has it. */
export interface MainOutcome {
  spec: StageSpec;
  run: StageRunOutput;
  result: StageResult;
  report: ReportOutcome;
  transcriptPath: string;
  /** The transcript's artifact, and the result's when the app did not take it. */
  artifacts: ArtifactUpload[];
  /** Where the result was saved because the app did not take it. */
  resultFile?: string;
  durationMs: number;
}

/** The spec input cannot be read; the message names each wrong field. */
export class InvalidSpecError extends Error {
  override readonly name = "InvalidSpecError";
}

/** Step 1: the spec, or an error naming every wrong field. */
export function decodeSpec(text: string): StageSpec {
  const decoded = decodeStageSpec(text);
  if (decoded.ok) return decoded.spec;
  const fields = decoded.errors.map((e) => `${e.path || "(the spec)"}: ${e.message}`).join("; ");
  throw new InvalidSpecError(
    `The spec input is not a stage spec this action can run (${fields}). It is written by the QuantaPilot app: start the stage again from its check run, and keep the action's version in step with the app.`,
  );
}

/**
 * One stage run in the Action: decode the spec; run the stage on the
 * checkout pinned to its base (chain for the role, prompt with the repo's
 * overrides, agent, the stage's checks, the change set); keep the redacted
 * transcript; build and validate the result; report it to the app.
 */
export async function main(deps: MainDeps): Promise<MainOutcome> {
  const started = deps.clock.now();
  const spec = decodeSpec(deps.specText);
  deps.log(
    `Stage run ${spec.stage_run_id}: ${spec.stage} (${spec.role}) for ${spec.repository.owner}/${spec.repository.name} at ${spec.base_sha}`,
  );
  const diffBase =
    spec.stage === "review" ? await resolveDiffBase(deps.workspace, deps.defaultBranch) : undefined;
  const run = await runPinnedStage({
    spec,
    dir: deps.workspace,
    env: deps.env,
    promptsDir: deps.promptsDir,
    clock: deps.clock,
    isolation: deps.isolation ?? null,
    ...(diffBase === undefined ? {} : { diffBase }),
  });
  const transcriptPath = join(deps.tempDir, `quantapilot-transcript-${spec.stage_run_id}.jsonl`);
  const transcript = await writeTranscriptFile(run.agent.transcript, transcriptPath);
  const result = buildStageResult(spec, run, transcript.digest);
  deps.log(`Outcome: ${result.outcome}: ${result.reason}`);
  const report = await reportResult({
    result,
    resultUrl: spec.result_url,
    audience: spec.audience,
    getIdToken: deps.getIdToken,
    fetch: deps.fetch,
    sleep: (ms) => deps.clock.sleep(ms),
    log: deps.log,
  });
  const kept = await keepArtifacts(deps, result, report, transcriptPath);
  const durationMs = deps.clock.now() - started;
  return { spec, run, result, report, transcriptPath, ...kept, durationMs };
}

// The transcript is always kept; the result too when the app does not have it, so no work is lost.
async function keepArtifacts(
  deps: MainDeps,
  result: StageResult,
  report: ReportOutcome,
  transcriptPath: string,
): Promise<{ artifacts: ArtifactUpload[]; resultFile?: string }> {
  const { uploader, tempDir: dir } = deps;
  if (uploader === undefined) {
    return report.delivered
      ? { artifacts: [] }
      : { artifacts: [], resultFile: await writeResultFile(result, dir) };
  }
  const stageRunId = result.stage_run_id;
  const artifacts = [
    await uploadTranscriptArtifact({ path: transcriptPath, stageRunId, uploader }),
  ];
  if (report.delivered) return { artifacts };
  const kept = await uploadResultArtifact({ result, dir, uploader });
  return { artifacts: [...artifacts, kept.artifact], resultFile: kept.file };
}
