import { basename } from "node:path";
import type { ChainEntry, QuantaPilotConfig } from "../../../contract/config.js";
import { ALWAYS_PROTECTED_PATHS } from "../../../contract/config.js";
import { type StageSpec, stageSpecSchema } from "../../../contract/stage-spec.js";
import type { StageDefinition } from "../stages/stage-definition.js";
import type { CliOptions } from "./parse-cli-args.js";

/** Where a local run's spec says results would go; nothing is ever sent there. */
const LOCAL_ORIGIN = "http://localhost";
const LOCAL_RUN_ID = 1;

function repositoryName(dir: string): string {
  const name = basename(dir)
    .replace(/[^\w.-]/g, "-")
    .slice(0, 100);
  return name === "" || name === "." || name === ".." ? "local" : name;
}

/**
 * The spec a local run works from, as the app would send it for this
 * directory: the task from `--task`, policy and limits from the directory's
 * config, the base at HEAD. It is validated like a received spec.
 */
export function buildLocalSpec(input: {
  options: CliOptions;
  definition: StageDefinition;
  config: QuantaPilotConfig;
  chain: ChainEntry[];
  dir: string;
  headSha: string;
}): StageSpec {
  const { options, definition, config } = input;
  const issue = options.issue ?? (definition.stage === "plan" ? undefined : 1);
  const name = repositoryName(input.dir);
  const title = options.task.trim().split("\n")[0]?.slice(0, 256) || definition.stage;
  return stageSpecSchema.parse({
    version: 1,
    stage_run_id: LOCAL_RUN_ID,
    repository: { owner: "local", name, id: 1 },
    work_item: {
      kind: issue === undefined ? "kickoff" : "issue",
      ...(issue === undefined ? {} : { number: issue }),
      title,
      url: `${LOCAL_ORIGIN}/${name}`,
    },
    stage: definition.stage,
    role: definition.role,
    work_branch: `quantapilot/${issue ?? "kickoff"}-local`,
    base_sha: input.headSha,
    iteration: 0,
    task: options.task,
    human_feedback: [],
    prior_findings: [],
    limits: {
      turns: config.budgets.stage_run.turns,
      tokens: config.budgets.stage_run.tokens,
      usd: config.budgets.stage_run.usd,
      minutes: config.budgets.stage_run.minutes,
    },
    models: { [definition.role]: input.chain },
    protected_paths: [...new Set([...ALWAYS_PROTECTED_PATHS, ...config.protected_paths])],
    allowed_commands: config.allowed_commands,
    result_url: `${LOCAL_ORIGIN}/api/stage-runs/${LOCAL_RUN_ID}/result`,
    audience: LOCAL_ORIGIN,
  });
}
