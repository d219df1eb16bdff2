import { randomUUID } from "node:crypto";
import OpenAI from "openai";
import { toOpenAIParams } from "./openai-request.js";
import { providerErrorFrom } from "./provider-error.js";
import type {
  ChatModel,
  Completion,
  CompletionRequest,
  StopReason,
  ToolCall,
  Usage,
} from "./types.js";

/** The public endpoint, passed explicitly so the SDK never reads `OPENAI_BASE_URL`. */
export const OPENAI_BASE_URL = "https://api.openai.com/v1";

/** How to reach one model over Chat Completions. */
export interface OpenAIModelOptions {
  provider: "openai" | "openai-compatible";
  model: string;
  /** Absent for a local server that needs none: no `Authorization` header is sent. */
  apiKey?: string;
  baseURL?: string;
  /** Per-request timeout; default 10 minutes. */
  timeoutMs?: number;
  /** Makes ids for tool calls a server sent without one; default `call_<uuid>`. */
  newId?: () => string;
}

/**
 * A {@link ChatModel} over Chat Completions, for OpenAI or any compatible
 * server. Not streamed. The SDK's own retries are off (`maxRetries: 0`) so
 * that `withRetry` is the one policy. Usage is normalised: OpenAI's
 * `prompt_tokens` includes the cached tokens, so `inputTokens` is
 * `prompt_tokens - cached_tokens`; servers that report no usage count zero.
 */
export function createOpenAIChatModel(options: OpenAIModelOptions): ChatModel {
  const client = new OpenAI({
    apiKey: options.apiKey ?? "unused",
    baseURL: options.baseURL ?? OPENAI_BASE_URL,
    maxRetries: 0,
    timeout: options.timeoutMs ?? 600_000,
    ...(options.apiKey === undefined ? { defaultHeaders: { Authorization: null } } : {}),
  });
  const ref = { provider: options.provider, model: options.model };
  const dialect = { official: options.provider === "openai" };
  const newId = options.newId ?? (() => `call_${randomUUID()}`);
  return {
    async complete(request: CompletionRequest): Promise<Completion> {
      const params = toOpenAIParams(options.model, request, dialect);
      const signal = request.signal ? { signal: request.signal } : {};
      try {
        const response = await client.chat.completions.create(params, signal);
        return fromChatCompletion(response, ref, newId);
      } catch (error) {
        if (error instanceof OpenAI.APIUserAbortError) throw error;
        throw error instanceof OpenAI.APIError ? providerErrorFrom(error, ref) : error;
      }
    },
  };
}

/** Reads a Chat Completions response into a {@link Completion}. */
export function fromChatCompletion(
  response: OpenAI.Chat.ChatCompletion,
  ref: { provider: "openai" | "openai-compatible"; model: string },
  newId: () => string,
): Completion {
  const choice = response.choices[0];
  const toolCalls = (choice?.message.tool_calls ?? []).flatMap((call): ToolCall[] =>
    call.type === "function"
      ? [{ id: call.id || newId(), name: call.function.name, arguments: parseArguments(call) }]
      : [],
  );
  return {
    text: choice?.message.content ?? "",
    toolCalls,
    stopReason: toStopReason(choice?.finish_reason, toolCalls.length),
    usage: toUsage(response.usage ?? undefined),
    provider: ref.provider,
    model: response.model || ref.model,
  };
}

function parseArguments(call: OpenAI.Chat.ChatCompletionMessageFunctionToolCall): unknown {
  const raw = call.function.arguments;
  try {
    return raw.trim() === "" ? {} : JSON.parse(raw);
  } catch {
    return raw;
  }
}

// Some compatible servers answer "stop" even when the message carries tool calls.
function toStopReason(reason: string | undefined, toolCalls: number): StopReason {
  if (reason === "length") return "max_tokens";
  if (reason === "tool_calls" || reason === "function_call" || toolCalls > 0) return "tool_use";
  return "end";
}

function toUsage(usage: OpenAI.CompletionUsage | undefined): Usage {
  const prompt = usage?.prompt_tokens ?? 0;
  const cached = Math.min(usage?.prompt_tokens_details?.cached_tokens ?? 0, prompt);
  return {
    inputTokens: prompt - cached,
    outputTokens: usage?.completion_tokens ?? 0,
    cacheReadTokens: cached,
    cacheWriteTokens: 0,
  };
}
