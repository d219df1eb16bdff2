import type Anthropic from "@anthropic-ai/sdk";
import type { CompletionRequest, Message, ToolCall, ToolDefinition } from "./types.js";

type Params = Anthropic.MessageCreateParamsNonStreaming;
type Block = Anthropic.ContentBlockParam;

const EPHEMERAL = { type: "ephemeral" } as const;

/**
 * Builds a Messages API request. Three cache breakpoints (of the four
 * allowed): the last tool definition and the system prompt, which together
 * are the stable prefix, and the latest user turn, so each turn reads the
 * conversation so far from the cache and writes only what is new.
 */
export function toAnthropicParams(model: string, request: CompletionRequest): Params {
  const params: Params = {
    model,
    max_tokens: request.maxOutputTokens,
    messages: markLatestUserTurn(toAnthropicMessages(request.messages)),
  };
  // The API refuses an empty text block, so an empty system prompt is left out.
  if (request.system) {
    params.system = [{ type: "text", text: request.system, cache_control: EPHEMERAL }];
  }
  if (request.tools.length > 0) params.tools = toAnthropicTools(request.tools);
  return params;
}

function toAnthropicTools(tools: readonly ToolDefinition[]): Anthropic.Tool[] {
  return tools.map((tool, index) => ({
    name: tool.name,
    description: tool.description,
    input_schema: tool.inputSchema,
    ...(index === tools.length - 1 ? { cache_control: EPHEMERAL } : {}),
  }));
}

/** Our turns as Anthropic turns; consecutive user-side turns merge, since roles must alternate. */
export function toAnthropicMessages(messages: readonly Message[]): Anthropic.MessageParam[] {
  const out: Anthropic.MessageParam[] = [];
  for (const message of messages) {
    const role = message.role === "assistant" ? "assistant" : "user";
    const blocks = toBlocks(message);
    const last = out.at(-1);
    if (last?.role === role && Array.isArray(last.content)) last.content.push(...blocks);
    else out.push({ role, content: blocks });
  }
  return out;
}

function toBlocks(message: Message): Block[] {
  switch (message.role) {
    case "user":
      return [{ type: "text", text: message.content }];
    case "assistant": {
      const text: Block[] = message.text ? [{ type: "text", text: message.text }] : [];
      return [...text, ...message.toolCalls.map(toToolUse)];
    }
    case "tool":
      return message.results.map((result) => ({
        type: "tool_result",
        tool_use_id: toolUseId(result.toolCallId),
        content: result.content,
        ...(result.isError ? { is_error: true } : {}),
      }));
  }
}

// Arguments that were not a JSON object (a model's malformed call) replay as `{}`: Anthropic requires an object.
function toToolUse(call: ToolCall): Anthropic.ToolUseBlockParam {
  const input = typeof call.arguments === "object" && call.arguments !== null ? call.arguments : {};
  return { type: "tool_use", id: toolUseId(call.id), name: call.name, input };
}

// Anthropic accepts ids matching ^[a-zA-Z0-9_-]+$; ids made by another provider may not.
function toolUseId(id: string): string {
  return id.replace(/[^a-zA-Z0-9_-]/g, "_") || "tool_call";
}

function markLatestUserTurn(messages: Anthropic.MessageParam[]): Anthropic.MessageParam[] {
  const turn = messages.findLast((m) => m.role === "user");
  const block = Array.isArray(turn?.content) ? turn.content.at(-1) : undefined;
  if (block) Object.assign(block, { cache_control: EPHEMERAL });
  return messages;
}
