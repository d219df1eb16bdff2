import type { IncomingHttpHeaders } from "node:http";
import {
  type ScriptedResponse,
  type ScriptedServer,
  startScriptedServer,
} from "./scripted-server.js";

/** A fake Anthropic API: `POST /v1/messages`. */
export interface FakeAnthropicServer extends ScriptedServer {
  /** The base URL to give the SDK (it appends `/v1/messages`). */
  baseURL: string;
}

/**
 * Starts a fake Messages API. Requests must carry `anthropic-version` and,
 * when `apiKey` is given, that key (as `x-api-key` or a bearer token).
 */
export async function startFakeAnthropicServer(
  options: { apiKey?: string } = {},
): Promise<FakeAnthropicServer> {
  const server = await startScriptedServer({
    route: { method: "POST", path: "/v1/messages" },
    error: (status, message) => anthropicError(status, errorType(status), message),
    authorise: (headers) => checkHeaders(headers, options.apiKey),
  });
  return Object.assign(server, { baseURL: server.origin });
}

function checkHeaders(headers: IncomingHttpHeaders, apiKey: string | undefined) {
  if (!headers["anthropic-version"]) {
    return anthropicError(400, "invalid_request_error", "anthropic-version: header is required");
  }
  const sent = headers["x-api-key"] ?? headers.authorization?.replace(/^Bearer /, "");
  if (apiKey !== undefined && sent !== apiKey) {
    return anthropicError(401, "authentication_error", "invalid x-api-key");
  }
  return undefined;
}

/** Token counts as Anthropic reports them (`input` excludes both cache counts). */
export interface AnthropicUsage {
  input: number;
  output: number;
  cacheRead?: number;
  cacheWrite?: number;
}

const USAGE: AnthropicUsage = { input: 100, output: 20 };

/** A tool call as the wire carries it. */
export interface WireToolUse {
  id: string;
  name: string;
  input: unknown;
}

/** A message whose content is one `text` block, `stop_reason: "end_turn"` unless given. */
export function anthropicText(
  text: string,
  options: { usage?: AnthropicUsage; stopReason?: string } = {},
): ScriptedResponse {
  return message([{ type: "text", text }], options.stopReason ?? "end_turn", options.usage);
}

/** A message with optional text then `tool_use` blocks, `stop_reason: "tool_use"`. */
export function anthropicToolUse(
  calls: WireToolUse[],
  options: { text?: string; usage?: AnthropicUsage } = {},
): ScriptedResponse {
  const blocks: object[] = options.text ? [{ type: "text", text: options.text }] : [];
  for (const call of calls) blocks.push({ type: "tool_use", ...call });
  return message(blocks, "tool_use", options.usage);
}

function message(content: object[], stopReason: string, usage = USAGE): ScriptedResponse {
  const body = {
    id: "msg_fake",
    type: "message",
    role: "assistant",
    model: "claude-haiku-4-5-20251001",
    content,
    stop_reason: stopReason,
    stop_sequence: null,
    usage: {
      input_tokens: usage.input,
      output_tokens: usage.output,
      cache_creation_input_tokens: usage.cacheWrite ?? 0,
      cache_read_input_tokens: usage.cacheRead ?? 0,
      service_tier: "standard",
    },
  };
  return { status: 200, headers: { "request-id": "req_fake" }, body };
}

/** An error in Anthropic's shape: `{type: "error", error: {type, message}, request_id}`. */
export function anthropicError(
  status: number,
  type: string,
  message: string,
  headers: Record<string, string> = {},
): ScriptedResponse {
  const body = { type: "error", error: { type, message }, request_id: "req_fake" };
  return { status, headers: { "request-id": "req_fake", ...headers }, body };
}

/** HTTP 529 `overloaded_error`, as Anthropic sends when the API is overloaded. */
export function anthropicOverloaded(): ScriptedResponse {
  return anthropicError(529, "overloaded_error", "Overloaded");
}

function errorType(status: number): string {
  if (status === 404) return "not_found_error";
  if (status === 429) return "rate_limit_error";
  if (status === 529) return "overloaded_error";
  return "api_error";
}
