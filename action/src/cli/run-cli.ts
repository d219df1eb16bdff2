import { join } from "node:path";
import type { Env } from "../agent/redactor.js";
import type { Clock } from "../llm/clock.js";
import { writeTranscriptFile } from "../report/transcript-file.js";
import { formatLocalResult } from "./format-local-result.js";
import { parseCliArgs, UsageError } from "./parse-cli-args.js";
import { runLocalStage } from "./run-local-stage.js";

/** What the command takes from the process. */
export interface CliDeps {
  env: Env;
  promptsDir: string;
  clock: Clock;
  /** Where transcripts go unless `--transcript` says otherwise. */
  tempDir: string;
  print: (line: string) => void;
  printError: (line: string) => void;
}

/**
 * `quantapilot stage <plan|implement|review> --dir … --task …`: runs the
 * stage locally and prints what happened. Exit code 0 when the stage
 * succeeded or had nothing to change, 1 when it failed or was refused, 2
 * for a command line or setup that cannot run (the message says how to fix it).
 */
export async function runCli(argv: readonly string[], deps: CliDeps): Promise<number> {
  try {
    const options = parseCliArgs(argv);
    const { spec, run, buildResult } = await runLocalStage(options, deps);
    const path =
      options.transcript ??
      join(deps.tempDir, `quantapilot-${spec.stage}-${deps.clock.now()}.jsonl`);
    const transcript = await writeTranscriptFile(run.agent.transcript, path);
    const result = buildResult(transcript.digest);
    const where = { dir: options.dir, transcriptPath: transcript.path };
    for (const line of formatLocalResult(result, run.products.highlights, where)) deps.print(line);
    return result.outcome === "succeeded" || result.outcome === "no_changes" ? 0 : 1;
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    deps.printError(error.message);
    return 2;
  }
}
