import Anthropic from "@anthropic-ai/sdk";
import { toAnthropicParams } from "./anthropic-request.js";
import { providerErrorFrom } from "./provider-error.js";
import type { ChatModel, Completion, CompletionRequest, StopReason, ToolCall } from "./types.js";

/** The public endpoint, passed explicitly so the SDK never reads `ANTHROPIC_BASE_URL`. */
export const ANTHROPIC_BASE_URL = "https://api.anthropic.com";

/** How to reach one Anthropic model. */
export interface AnthropicModelOptions {
  model: string;
  apiKey: string;
  baseURL?: string;
  /** Per-request timeout; default 10 minutes. */
  timeoutMs?: number;
}

/**
 * A {@link ChatModel} over the Anthropic Messages API, with tool use and
 * prompt-cache breakpoints (see `toAnthropicParams`). Calls are not
 * streamed: the agent needs the whole turn before acting on it. The SDK's
 * own retries are off (`maxRetries: 0`) so that `withRetry` is the one
 * policy, with an injectable clock; an explicit timeout also lifts the
 * SDK's refusal of large non-streaming `max_tokens`.
 */
export function createAnthropicChatModel(options: AnthropicModelOptions): ChatModel {
  const client = new Anthropic({
    apiKey: options.apiKey,
    authToken: null,
    baseURL: options.baseURL ?? ANTHROPIC_BASE_URL,
    maxRetries: 0,
    timeout: options.timeoutMs ?? 600_000,
  });
  const ref = { provider: "anthropic", model: options.model } as const;
  return {
    async complete(request: CompletionRequest): Promise<Completion> {
      const params = toAnthropicParams(options.model, request);
      try {
        const message = await client.messages.create(params, signalOption(request));
        return fromAnthropicMessage(message);
      } catch (error) {
        if (error instanceof Anthropic.APIUserAbortError) throw error;
        throw error instanceof Anthropic.APIError ? providerErrorFrom(error, ref) : error;
      }
    },
  };
}

function signalOption(request: CompletionRequest): { signal?: AbortSignal } {
  return request.signal ? { signal: request.signal } : {};
}

/** Reads a Messages API response into a {@link Completion}. */
export function fromAnthropicMessage(message: Anthropic.Message): Completion {
  const text: string[] = [];
  const toolCalls: ToolCall[] = [];
  for (const block of message.content) {
    if (block.type === "text") text.push(block.text);
    if (block.type === "tool_use") {
      toolCalls.push({ id: block.id, name: block.name, arguments: block.input });
    }
  }
  return {
    text: text.join(""),
    toolCalls,
    stopReason: toStopReason(message.stop_reason, toolCalls.length),
    usage: {
      inputTokens: message.usage.input_tokens,
      outputTokens: message.usage.output_tokens,
      cacheReadTokens: message.usage.cache_read_input_tokens ?? 0,
      cacheWriteTokens: message.usage.cache_creation_input_tokens ?? 0,
    },
    provider: "anthropic",
    model: message.model,
  };
}

function toStopReason(reason: Anthropic.StopReason | null, toolCalls: number): StopReason {
  if (reason === "max_tokens" || reason === "model_context_window_exceeded") return "max_tokens";
  if (reason === "tool_use" || toolCalls > 0) return "tool_use";
  return "end";
}
