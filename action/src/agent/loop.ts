import type { BudgetGuard, BudgetLimit } from "../llm/budget-guard.js";
import { estimateInputTokens } from "../llm/estimate-input-tokens.js";
import { type ModelPrice, type PriceOverrides, priceUsage } from "../llm/pricing.js";
import type { ChatModel, Completion } from "../llm/types.js";
import { answerWithoutTools } from "./loop/answer-without-tools.js";
import { callModel } from "./loop/call-model.js";
import { type RunState, type Stop, startRun } from "./loop/run-state.js";
import { runToolCalls } from "./loop/run-tool-calls.js";
import type { AssembledPrompt } from "./prompt.js";
import type { Redactor } from "./redactor.js";
import type { AgentTool } from "./tools/define-tool.js";
import type { AgentOutcome, TranscriptEntry } from "./transcript.js";
import type { ModelUsage } from "./usage-tally.js";

/** What an agent run needs. */
export interface RunAgentOptions {
  model: ChatModel;
  tools: readonly AgentTool[];
  guard: BudgetGuard;
  prompt: Pick<AssembledPrompt, "system" | "firstUserMessage" | "cacheKey">;
  maxOutputTokens: number;
  clock: { now(): number };
  redactor: Redactor;
  /** The dearest price among the models that may answer (`maxPrice` of the chain), for budget checks. */
  price: ModelPrice;
  /** The config's `pricing`, for pricing each call. */
  pricing?: PriceOverrides;
  /** Called with each transcript entry, already redacted, e.g. to print progress. */
  log?: (entry: TranscriptEntry) => void;
}

/** How a run ended, what it cost and what happened. */
export interface AgentRun {
  outcome: AgentOutcome;
  /** The agent's summary, or why it stopped; redacted. */
  summary: string;
  /** Model calls made. */
  turns: number;
  usage: ModelUsage[];
  limitHit?: BudgetLimit;
  transcript: readonly TranscriptEntry[];
}

/**
 * Runs the agent: calls the model, runs the tools it asks for in order,
 * hands back their results, until it calls `finish`. Before each call the
 * budget guard is asked whether the call fits every limit, and the run
 * stops cleanly before one that might not; the call itself is aborted when
 * the wall clock runs out. A model error (every model of the chain down)
 * ends the run as failed with the reason. Never throws for those.
 */
export async function runAgent(options: RunAgentOptions): Promise<AgentRun> {
  const state = startRun(options);
  let stop: Stop | undefined;
  while (stop === undefined) stop = await takeTurn(options, state);
  const summary = options.redactor.redact(stop.summary);
  state.transcript.add({ type: "stop", turn: state.turns, ...stop, summary });
  const { limitHit } = stop;
  return {
    outcome: stop.outcome,
    summary,
    turns: state.turns,
    usage: state.tally.list(),
    ...(limitHit === undefined ? {} : { limitHit }),
    transcript: state.transcript.entries(),
  };
}

async function takeTurn(options: RunAgentOptions, state: RunState): Promise<Stop | undefined> {
  const { guard } = options;
  const next = {
    inputTokens: estimateInputTokens(state.request),
    maxOutputTokens: options.maxOutputTokens,
    price: options.price,
  };
  const budget = guard.check(next);
  if (budget.stop) return { outcome: "limit", summary: budget.message, limitHit: budget.limit };
  const called = await callModel(options, state.request);
  if ("stop" in called) return called.stop;
  recordCompletion(options, state, called.completion);
  const { text, toolCalls } = called.completion;
  // Replayed redacted too: whatever the model wrote, no secret goes back out in a prompt.
  state.messages.push(options.redactor.redactValue({ role: "assistant", text, toolCalls }));
  if (toolCalls.length === 0) return answerWithoutTools(state, called.completion);
  state.nudged = false;
  return runToolCalls(options, state, called.completion);
}

function recordCompletion(options: RunAgentOptions, state: RunState, completion: Completion): void {
  const { usd } = priceUsage(completion.usage, completion.model, options.pricing);
  options.guard.record(completion.usage, usd);
  state.tally.add(completion, usd);
  state.turns += 1;
  const { provider, model, text, toolCalls, stopReason, usage } = completion;
  state.transcript.add({
    type: "assistant",
    turn: state.turns,
    provider,
    model,
    text,
    toolCalls,
    stopReason,
    usage,
    usd,
  });
}
