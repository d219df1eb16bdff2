import type OpenAI from "openai";
import type { CompletionRequest, Message, ToolCall, ToolDefinition } from "./types.js";

type Params = OpenAI.Chat.ChatCompletionCreateParamsNonStreaming;
type WireMessage = OpenAI.Chat.ChatCompletionMessageParam;

/** Which dialect of Chat Completions to speak. */
export interface OpenAIDialect {
  /**
   * OpenAI itself: `max_completion_tokens` and `prompt_cache_key`. Compatible
   * servers (Ollama, vLLM, LM Studio) get the older `max_tokens` they all know
   * and no cache key: they cache prefixes by themselves, and some refuse
   * fields they do not know.
   */
  official: boolean;
}

/** Builds a Chat Completions request with function tools. */
export function toOpenAIParams(
  model: string,
  request: CompletionRequest,
  dialect: OpenAIDialect,
): Params {
  const params: Params = {
    model,
    messages: [{ role: "system", content: request.system }, ...toOpenAIMessages(request.messages)],
  };
  if (request.tools.length > 0) params.tools = request.tools.map(toOpenAITool);
  if (dialect.official) params.max_completion_tokens = request.maxOutputTokens;
  else params.max_tokens = request.maxOutputTokens;
  if (dialect.official && request.cacheKey !== undefined) {
    params.prompt_cache_key = request.cacheKey;
  }
  return params;
}

function toOpenAITool(tool: ToolDefinition): OpenAI.Chat.ChatCompletionFunctionTool {
  return {
    type: "function",
    function: { name: tool.name, description: tool.description, parameters: tool.inputSchema },
  };
}

/** Our turns as Chat Completions messages; each tool result is its own `role: "tool"` message. */
export function toOpenAIMessages(messages: readonly Message[]): WireMessage[] {
  return messages.flatMap(toWireMessages);
}

function toWireMessages(message: Message): WireMessage[] {
  switch (message.role) {
    case "user":
      return [{ role: "user", content: message.content }];
    case "assistant":
      return [toAssistantMessage(message.text, message.toolCalls)];
    case "tool":
      return message.results.map((result) => ({
        role: "tool",
        tool_call_id: result.toolCallId,
        // Chat Completions has no error flag on tool results; say it in the content.
        content: result.isError ? `Error: ${result.content}` : result.content,
      }));
  }
}

function toAssistantMessage(text: string, calls: readonly ToolCall[]): WireMessage {
  if (calls.length === 0) return { role: "assistant", content: text };
  return {
    role: "assistant",
    content: text || null,
    tool_calls: calls.map((call) => ({
      id: call.id,
      type: "function",
      function: { name: call.name, arguments: serialiseArguments(call.arguments) },
    })),
  };
}

// Malformed arguments (kept as the raw string when parsing failed) go back exactly as the model sent them.
function serialiseArguments(args: unknown): string {
  return typeof args === "string" ? args : JSON.stringify(args ?? {});
}
