import type { StageSpec } from "../../../../contract/stage-spec.js";
import type { AgentRun } from "../../agent/loop.js";
import { runAgent } from "../../agent/loop.js";
import { createRedactor, type Env, type Redactor } from "../../agent/redactor.js";
import { scrubEnv } from "../../agent/scrub-env.js";
import type { TranscriptEntry } from "../../agent/transcript.js";
import { createWorkspaceGuard } from "../../agent/workspace-guard.js";
import { type CollectedChanges, collectChanges } from "../../changes/collect-changes.js";
import { BudgetGuard } from "../../llm/budget-guard.js";
import type { Clock } from "../../llm/clock.js";
import { maxPrice } from "../../llm/pricing.js";
import { stageDefinitionFor } from "../registry.js";
import type { StageContext, StageProducts } from "../stage-definition.js";
import { buildStageModel, type StageModel } from "./build-stage-model.js";
import { prepareStagePrompt } from "./prepare-stage-prompt.js";
import { selectStageTools } from "./select-stage-tools.js";

/** What one stage run needs; everything from outside is passed in. */
export interface RunStageOptions {
  spec: StageSpec;
  /** The checkout. */
  dir: string;
  /** The process environment: API keys are read from it, commands get a scrubbed copy. */
  env: Env;
  /** The action's `prompts/` directory. */
  promptsDir: string;
  clock: Clock;
  /** The commit the review diff starts from. */
  diffBase?: string;
  /** Each transcript entry, redacted, as it happens: progress for a person. */
  log?: (entry: TranscriptEntry) => void;
  requestTimeoutMs?: number;
  /** A prefix that runs each command isolated from this process (`findIsolationPrefix`); none: run as is. */
  isolation?: readonly string[] | null;
}

/** Everything the result is built from. */
export interface StageRunOutput {
  agent: AgentRun;
  products: StageProducts;
  collected: CollectedChanges;
  promptVersions: Record<string, string>;
  /** Models that failed over to the next one, in words. */
  fallbacks: string[];
  redactor: Redactor;
}

const NOTHING_COLLECTED: CollectedChanges = { changes: [], refusals: [], files: [] };

/**
 * Runs one stage on a checkout: opens the stage, builds the role's model
 * chain, assembles the prompt, runs the agent within the spec's limits, lets
 * the stage check its deliverables, then collects the file changes against
 * the pinned base with the same checks the app applies. A chain that cannot
 * be built ends the run as failed before any call, with the reason.
 */
export async function runStage(options: RunStageOptions): Promise<StageRunOutput> {
  const { spec } = options;
  const definition = stageDefinitionFor(spec.stage);
  const guard = createWorkspaceGuard({ root: options.dir, protectedPaths: spec.protected_paths });
  const model = buildStageModel(spec, options);
  const redactor = createRedactor(options.env, model.keys);
  const env = scrubEnv(options.env);
  const context: StageContext = {
    spec,
    root: guard.root,
    guard,
    env,
    processEnv: options.env,
    isolation: options.isolation ?? null,
    ...(options.diffBase === undefined ? {} : { diffBase: options.diffBase }),
  };
  const session = await definition.open(context);
  const shared = {
    guard,
    redactor,
    allowedCommands: spec.allowed_commands,
    env: options.env,
    isolation: options.isolation ?? null,
  };
  const tools = selectStageTools(definition, session, shared);
  const prompt = await prepareStagePrompt({ ...options, guard, env, tools, brief: session.brief });
  const base = { promptVersions: prompt.promptVersions, redactor };
  if (!model.ok) {
    const agent = failedBeforeStart(model.reason);
    return {
      ...base,
      agent,
      products: { findings: [], highlights: [] },
      collected: NOTHING_COLLECTED,
      fallbacks: [],
    };
  }
  const agent = await runAgent({
    model: model.chain.model,
    tools,
    guard: new BudgetGuard(spec.limits, () => options.clock.now()),
    prompt,
    maxOutputTokens: definition.maxOutputTokens,
    clock: options.clock,
    redactor,
    price: maxPrice(model.chain.refs.map((ref) => ref.model)),
    ...(options.log === undefined ? {} : { log: options.log }),
  });
  const products = await session.conclude(agent);
  const collected = definition.writes
    ? await collectChanges({
        dir: guard.root,
        baseSha: spec.base_sha,
        protectedPaths: spec.protected_paths,
      })
    : NOTHING_COLLECTED;
  return { ...base, agent, products, collected, fallbacks: model.describeFallbacks() };
}

function failedBeforeStart(reason: string): AgentRun {
  return { outcome: "failed", summary: reason, turns: 0, usage: [], transcript: [] };
}

export type { StageModel };
