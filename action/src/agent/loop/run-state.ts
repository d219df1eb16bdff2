import type { BudgetLimit } from "../../llm/budget-guard.js";
import type { CompletionRequest, Message } from "../../llm/types.js";
import type { RunAgentOptions } from "../loop.js";
import { type AgentOutcome, createTranscript, type Transcript } from "../transcript.js";
import { createUsageTally, type UsageTally } from "../usage-tally.js";

/** Why the loop stops. */
export interface Stop {
  outcome: AgentOutcome;
  summary: string;
  limitHit?: BudgetLimit;
}

/** What the loop carries from turn to turn. */
export interface RunState {
  /** The request of every turn: same system and tools, the conversation growing. */
  request: Omit<CompletionRequest, "signal">;
  messages: Message[];
  transcript: Transcript;
  tally: UsageTally;
  turns: number;
  /** The model was already told to use its tools (see answerWithoutTools). */
  nudged: boolean;
}

/**
 * The state before the first turn. The prompt is redacted once, here, so
 * every turn sends the same bytes and the prefix stays cached.
 */
export function startRun(options: RunAgentOptions): RunState {
  const { redactor, prompt } = options;
  const now = () => options.clock.now();
  const transcript = createTranscript({ redactor, now, log: options.log });
  const system = redactor.redact(prompt.system);
  const user = redactor.redact(prompt.firstUserMessage);
  transcript.add({ type: "prompt", system, user, cacheKey: prompt.cacheKey });
  const messages: Message[] = [{ role: "user", content: user }];
  const tools = options.tools.map((tool) => tool.definition);
  const { maxOutputTokens } = options;
  const request = { system, messages, tools, maxOutputTokens, cacheKey: prompt.cacheKey };
  return { request, messages, transcript, tally: createUsageTally(), turns: 0, nudged: false };
}
