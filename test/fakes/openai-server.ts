import {
  type ScriptedResponse,
  type ScriptedServer,
  startScriptedServer,
} from "./scripted-server.js";

/** A fake OpenAI (or OpenAI-compatible) server: `POST /v1/chat/completions`. */
export interface FakeOpenAIServer extends ScriptedServer {
  /** The base URL to give the SDK, ending in `/v1`. */
  baseURL: string;
}

/**
 * Starts a fake Chat Completions server. With `apiKey`, requests without
 * `Authorization: Bearer <apiKey>` get OpenAI's 401.
 */
export async function startFakeOpenAIServer(
  options: { apiKey?: string } = {},
): Promise<FakeOpenAIServer> {
  const server = await startScriptedServer({
    route: { method: "POST", path: "/v1/chat/completions" },
    error: (status, message) => openaiError(status, { message }),
    authorise: (headers) =>
      options.apiKey === undefined || headers.authorization === `Bearer ${options.apiKey}`
        ? undefined
        : openaiError(401, { type: "invalid_request_error", code: "invalid_api_key" }),
  });
  return Object.assign(server, { baseURL: `${server.origin}/v1` });
}

/** Token counts as OpenAI reports them (`prompt` includes `cached`). */
export interface OpenAIUsage {
  prompt: number;
  completion: number;
  cached?: number;
}

const USAGE: OpenAIUsage = { prompt: 100, completion: 20, cached: 0 };

/** A `chat.completion` whose message is text, `finish_reason: "stop"` unless given. */
export function openaiText(
  text: string,
  options: { usage?: OpenAIUsage | null; finishReason?: string } = {},
): ScriptedResponse {
  const message = { role: "assistant", content: text, refusal: null };
  return completion(message, options.finishReason ?? "stop", usageOf(options.usage));
}

/** A tool call as the wire carries it; `id: null` leaves the id out (some local servers do). */
export interface WireToolCall {
  id?: string | null;
  name: string;
  arguments: unknown;
}

/** A `chat.completion` whose message calls tools (`finish_reason: "tool_calls"` unless given). */
export function openaiToolCalls(
  calls: WireToolCall[],
  options: { usage?: OpenAIUsage | null; finishReason?: string; text?: string | null } = {},
): ScriptedResponse {
  const message = {
    role: "assistant",
    content: options.text ?? null,
    refusal: null,
    tool_calls: calls.map((call, index) => ({
      ...(call.id === null ? {} : { id: call.id ?? `call_${index}` }),
      type: "function",
      function: { name: call.name, arguments: wireArguments(call.arguments) },
    })),
  };
  return completion(message, options.finishReason ?? "tool_calls", usageOf(options.usage));
}

// undefined: default counts; null: no `usage` at all, as some local servers answer.
function usageOf(usage: OpenAIUsage | null | undefined): OpenAIUsage | null {
  return usage === undefined ? USAGE : usage;
}

function wireArguments(args: unknown): string {
  return typeof args === "string" ? args : JSON.stringify(args);
}

function completion(message: object, finish: string, usage: OpenAIUsage | null): ScriptedResponse {
  const body: Record<string, unknown> = {
    id: "chatcmpl-fake",
    object: "chat.completion",
    created: 1_700_000_000,
    model: "gpt-4.1-2025-04-14",
    choices: [{ index: 0, message, logprobs: null, finish_reason: finish }],
    system_fingerprint: "fp_fake",
  };
  if (usage) body.usage = wireUsage(usage);
  return { status: 200, headers: { "x-request-id": "req_fake" }, body };
}

function wireUsage(usage: OpenAIUsage) {
  return {
    prompt_tokens: usage.prompt,
    completion_tokens: usage.completion,
    total_tokens: usage.prompt + usage.completion,
    prompt_tokens_details: { cached_tokens: usage.cached ?? 0, audio_tokens: 0 },
    completion_tokens_details: { reasoning_tokens: 0, audio_tokens: 0 },
  };
}

/** An error in OpenAI's shape: `{error: {message, type, param, code}}`, optional `retry-after`. */
export function openaiError(
  status: number,
  detail: { message?: string; type?: string; code?: string | null; retryAfter?: string } = {},
): ScriptedResponse {
  const headers: Record<string, string> = { "x-request-id": "req_fake" };
  if (detail.retryAfter !== undefined) headers["retry-after"] = detail.retryAfter;
  const type = detail.type ?? (status === 429 ? "requests" : "server_error");
  const code =
    detail.code !== undefined ? detail.code : status === 429 ? "rate_limit_exceeded" : null;
  const message = detail.message ?? `fake ${status}`;
  return { status, headers, body: { error: { message, type, param: null, code } } };
}
