import { parseArgs } from "node:util";

/** Stages a person can try locally. */
export const LOCAL_STAGES = ["plan", "implement", "review"] as const;
export type LocalStage = (typeof LOCAL_STAGES)[number];

const PROVIDERS = ["anthropic", "openai", "openai-compatible"] as const;

/** What `quantapilot stage …` was asked to do. */
export interface CliOptions {
  stage: LocalStage;
  dir: string;
  task: string;
  provider?: (typeof PROVIDERS)[number];
  model?: string;
  baseUrl?: string;
  /** The issue number a plan is for; without it, plan is a kickoff. */
  issue?: number;
  /** Where the review's diff starts; default: the default branch's merge base. */
  base?: string;
  transcript?: string;
}

/** A command line that cannot run; the message says how to write it. */
export class UsageError extends Error {
  override readonly name = "UsageError";
}

export const USAGE = `Usage: quantapilot stage <plan|implement|review> --dir <path> --task "<text>"
  [--provider anthropic|openai|openai-compatible] [--model <id>] [--base-url <url>]
  [--issue <number>] [--base <ref>] [--transcript <file>]

Runs one QuantaPilot stage on a local git checkout, as the GitHub Action would,
and leaves its changes in the directory. Nothing is pushed. Keys come from
ANTHROPIC_API_KEY / OPENAI_API_KEY; for a local Ollama:
  --provider openai-compatible --base-url http://localhost:11434/v1 --model qwen2.5-coder`;

/** Reads `stage <name> --dir … --task …`; throws {@link UsageError}. */
export function parseCliArgs(argv: readonly string[]): CliOptions {
  let parsed: ReturnType<typeof parse>;
  try {
    parsed = parse(argv);
  } catch (error) {
    throw new UsageError(`${(error as Error).message}\n\n${USAGE}`);
  }
  const { values, positionals } = parsed;
  const [command, stage] = positionals;
  if (command !== "stage" || !LOCAL_STAGES.includes(stage as LocalStage)) {
    throw new UsageError(`Name a stage to run: plan, implement or review.\n\n${USAGE}`);
  }
  if (!values.dir || !values.task?.trim())
    throw new UsageError(`--dir and --task are required.\n\n${USAGE}`);
  const provider = values.provider;
  if (provider !== undefined && !PROVIDERS.includes(provider as CliOptions["provider"] & string)) {
    throw new UsageError(`--provider must be one of ${PROVIDERS.join(", ")}.`);
  }
  const issue = values.issue === undefined ? undefined : Number(values.issue);
  if (issue !== undefined && !(Number.isInteger(issue) && issue > 0)) {
    throw new UsageError("--issue must be an issue number.");
  }
  return {
    stage: stage as LocalStage,
    dir: values.dir,
    task: values.task,
    ...(provider === undefined ? {} : { provider: provider as CliOptions["provider"] & string }),
    ...(values.model === undefined ? {} : { model: values.model }),
    ...(values["base-url"] === undefined ? {} : { baseUrl: values["base-url"] }),
    ...(issue === undefined ? {} : { issue }),
    ...(values.base === undefined ? {} : { base: values.base }),
    ...(values.transcript === undefined ? {} : { transcript: values.transcript }),
  };
}

function parse(argv: readonly string[]) {
  return parseArgs({
    args: [...argv],
    allowPositionals: true,
    strict: true,
    options: {
      dir: { type: "string" },
      task: { type: "string" },
      provider: { type: "string" },
      model: { type: "string" },
      "base-url": { type: "string" },
      issue: { type: "string" },
      base: { type: "string" },
      transcript: { type: "string" },
    },
  });
}
