import type { ChatModel, Completion, CompletionRequest, ToolCall } from "../../llm/types.js";

/** One scripted answer: a completion, an error to throw, or a function of the request. */
export type ScriptedAnswer =
  | Completion
  | Error
  | ((request: CompletionRequest) => Completion | Promise<Completion>);

/** A ChatModel answering from a script, recording each request as it was at call time. */
export interface ScriptedChatModel extends ChatModel {
  requests: CompletionRequest[];
  pending(): number;
}

/** An in-memory model for loop logic; the wire formats are tested against the fake servers. */
export function createScriptedChatModel(script: ScriptedAnswer[]): ScriptedChatModel {
  const queue = [...script];
  const requests: CompletionRequest[] = [];
  return {
    requests,
    pending: () => queue.length,
    async complete(request) {
      requests.push({ ...request, messages: structuredClone([...request.messages]) });
      const answer = queue.shift();
      if (answer === undefined) throw new Error("scripted model: no answer left");
      if (answer instanceof Error) throw answer;
      return typeof answer === "function" ? answer(request) : answer;
    },
  };
}

const USAGE = { inputTokens: 100, outputTokens: 10, cacheReadTokens: 0, cacheWriteTokens: 0 };

/** A completion calling tools, as the given model. */
export function toolTurn(
  calls: Array<Omit<ToolCall, "id"> & { id?: string }>,
  model = "claude-haiku-4-5",
): Completion {
  const toolCalls = calls.map((call, i) => ({
    id: call.id ?? `call_${i}`,
    name: call.name,
    arguments: call.arguments,
  }));
  return {
    text: "",
    toolCalls,
    stopReason: "tool_use",
    usage: USAGE,
    provider: "anthropic",
    model,
  };
}

/** A completion with text only. */
export function textTurn(text: string, stopReason: Completion["stopReason"] = "end"): Completion {
  return {
    text,
    toolCalls: [],
    stopReason,
    usage: USAGE,
    provider: "anthropic",
    model: "claude-haiku-4-5",
  };
}
