import { stat } from "node:fs/promises";
import { resolve } from "node:path";
import type { StageResult } from "../../../contract/stage-result.js";
import type { Env } from "../agent/redactor.js";
import { runGit } from "../changes/run-git.js";
import type { Clock } from "../llm/clock.js";
import { stageDefinitionFor } from "../stages/registry.js";
import { buildStageResult } from "../stages/run/build-stage-result.js";
import { resolveDiffBase } from "../stages/run/resolve-diff-base.js";
import { runStage } from "../stages/run/run-stage.js";
import { buildLocalSpec } from "./build-local-spec.js";
import { formatProgress } from "./format-progress.js";
import { localModelChain } from "./local-model-chain.js";
import type { CliOptions } from "./parse-cli-args.js";
import { UsageError } from "./parse-cli-args.js";
import { readLocalConfig } from "./read-local-config.js";

/** What a local run takes from outside. */
export interface LocalRunDeps {
  env: Env;
  promptsDir: string;
  clock: Clock;
  /** A line for the person watching. */
  print: (line: string) => void;
}

async function headOf(dir: string): Promise<string> {
  const info = await stat(dir).catch(() => undefined);
  if (!info?.isDirectory()) throw new UsageError(`--dir ${dir} is not a directory.`);
  const head = await runGit(dir, ["rev-parse", "--verify", "HEAD^{commit}"]).then(
    (out) => out.toString("utf8").trim(),
    () => undefined,
  );
  if (head === undefined) {
    throw new UsageError(
      `--dir ${dir} is not a git repository with a commit; run \`git init\` and commit first, so the changes can be collected against it.`,
    );
  }
  return head;
}

/**
 * Runs a stage on a local checkout with the same code as the Action: the
 * spec is built from the directory's config and the flags, the agent's
 * changes stay in the directory, progress is printed redacted, and nothing
 * is sent anywhere but the model.
 */
export async function runLocalStage(options: CliOptions, deps: LocalRunDeps) {
  const dir = resolve(options.dir);
  const headSha = await headOf(dir);
  const definition = stageDefinitionFor(options.stage);
  const config = await readLocalConfig(dir);
  const chain = localModelChain(options, config, definition.role, deps.env);
  const spec = buildLocalSpec({ options, definition, config, chain, dir, headSha });
  deps.print(
    `Running ${spec.stage} (${spec.role}) on ${dir} with ${chain.map((e) => `${e.provider} ${e.model}`).join(", then ")}`,
  );
  const diffBase =
    options.stage === "review"
      ? ((await resolveDiffBase(dir, options.base ?? "main")) ?? options.base)
      : undefined;
  const run = await runStage({
    spec,
    dir,
    env: deps.env,
    promptsDir: deps.promptsDir,
    clock: deps.clock,
    ...(diffBase === undefined ? {} : { diffBase }),
    log: (entry) => {
      const line = formatProgress(entry);
      if (line !== undefined) deps.print(line);
    },
  });
  return {
    spec,
    run,
    buildResult: (digest: string): StageResult => buildStageResult(spec, run, digest),
  };
}
