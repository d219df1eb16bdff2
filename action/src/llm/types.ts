/**
 * The provider port: one shape for a model call, whatever serves it.
 * Adapters (anthropic.ts, openai.ts) translate it to each provider's wire
 * format; retry, breaker, fallback and budget work only with these types.
 */

/** Which API family serves a call. */
export type ProviderName = "anthropic" | "openai" | "openai-compatible";

/** A tool the model may call. `inputSchema` is a JSON Schema for an object. */
export interface ToolDefinition {
  name: string;
  description: string;
  inputSchema: { type: "object"; [keyword: string]: unknown };
}

/**
 * A tool call the model made. `arguments` is the parsed JSON the model sent;
 * when a provider sends arguments that are not valid JSON, the raw string.
 */
export interface ToolCall {
  id: string;
  name: string;
  arguments: unknown;
}

/** What a tool returned, answering the tool call with id `toolCallId`. */
export interface ToolResult {
  toolCallId: string;
  content: string;
  isError?: boolean;
}

/**
 * One turn of the conversation after the system prompt. `tool` carries the
 * results of the previous assistant turn's tool calls; adapters turn it into
 * Anthropic `tool_result` blocks or OpenAI `role: "tool"` messages.
 */
export type Message =
  | { role: "user"; content: string }
  | { role: "assistant"; text: string; toolCalls: readonly ToolCall[] }
  | { role: "tool"; results: readonly ToolResult[] };

/** One model call. */
export interface CompletionRequest {
  /** The stable prefix (role prompt, AGENTS.md, repo map): cached by providers. */
  system: string;
  messages: readonly Message[];
  tools: readonly ToolDefinition[];
  maxOutputTokens: number;
  /** Routes calls sharing a prefix to the same cache (OpenAI `prompt_cache_key`). */
  cacheKey?: string;
  /** Aborts the call, e.g. when the stage run's wall clock runs out. */
  signal?: AbortSignal;
}

/** Why the model stopped. */
export type StopReason = "end" | "tool_use" | "max_tokens";

/**
 * Tokens of one call, normalised across providers: `inputTokens` counts only
 * uncached input, so the whole prompt is input + cacheRead + cacheWrite.
 */
export interface Usage {
  inputTokens: number;
  outputTokens: number;
  cacheReadTokens: number;
  cacheWriteTokens: number;
}

/** The model's answer to one call, and who gave it. */
export interface Completion {
  text: string;
  toolCalls: ToolCall[];
  stopReason: StopReason;
  usage: Usage;
  provider: ProviderName;
  model: string;
}

/** Anything that answers a completion request: one provider, or a chain of them. */
export interface ChatModel {
  complete(request: CompletionRequest): Promise<Completion>;
}

/** Names one model of one provider. */
export interface ModelRef {
  provider: ProviderName;
  model: string;
}

/** The sum of all tokens a usage record counts, cached or not. */
export function totalTokens(usage: Usage): number {
  return usage.inputTokens + usage.outputTokens + usage.cacheReadTokens + usage.cacheWriteTokens;
}
