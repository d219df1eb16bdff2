import type { ToolCall, ToolResult } from "../../llm/types.js";
import type { Redactor } from "../redactor.js";
import type { AgentTool } from "./define-tool.js";

/** A tool call's result for the model, and the summary if it was `finish`. */
export interface ExecutedCall {
  result: ToolResult;
  finish?: { summary: string };
}

/**
 * Runs one tool call and never throws: an unknown tool, bad arguments or a
 * failure inside the tool all come back as an error result the model can
 * read and correct. Every result passes the redactor before it goes
 * anywhere, so no tool can hand a secret to the model or the transcript.
 */
export async function executeToolCall(
  tools: readonly AgentTool[],
  call: ToolCall,
  redactor: Redactor,
  signal: AbortSignal,
): Promise<ExecutedCall> {
  const tool = tools.find((t) => t.definition.name === call.name);
  if (!tool) {
    const names = tools.map((t) => t.definition.name).join(", ");
    return answer(call, redactor, `Unknown tool "${call.name}". Available tools: ${names}.`, true);
  }
  try {
    const output = await tool.execute(call.arguments, signal);
    const executed = answer(call, redactor, output.content, output.isError === true);
    if (!output.finish) return executed;
    return { ...executed, finish: { summary: redactor.redact(output.finish.summary) } };
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    return answer(call, redactor, `${call.name} failed: ${message}`, true);
  }
}

function answer(call: ToolCall, redactor: Redactor, content: string, isError: boolean) {
  const result: ToolResult = { toolCallId: call.id, content: redactor.redact(content) };
  return { result: isError ? { ...result, isError } : result };
}
