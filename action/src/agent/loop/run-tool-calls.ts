import type { Completion, ToolCall, ToolResult } from "../../llm/types.js";
import type { RunAgentOptions } from "../loop.js";
import { executeToolCall } from "../tools/execute-tool-call.js";
import type { RunState, Stop } from "./run-state.js";

/**
 * Runs a reply's tool calls in order and appends their results as one turn.
 * `finish` ends the run at once; calls after it are not run (and noted).
 * Each call may use what is left of the wall clock, no more.
 */
export async function runToolCalls(
  options: RunAgentOptions,
  state: RunState,
  completion: Completion,
): Promise<Stop | undefined> {
  const results: ToolResult[] = [];
  const calls = completion.toolCalls;
  for (const [index, call] of calls.entries()) {
    const { result, finish } = await runOne(options, state, call);
    results.push(result);
    if (finish) {
      const skipped = calls.length - index - 1;
      const text = `${skipped} tool calls after finish were not run.`;
      if (skipped > 0) state.transcript.add({ type: "note", turn: state.turns, text });
      return { outcome: "finished", summary: finish.summary };
    }
  }
  state.messages.push({ role: "tool", results });
  return undefined;
}

async function runOne(options: RunAgentOptions, state: RunState, call: ToolCall) {
  const started = options.clock.now();
  const signal = AbortSignal.timeout(Math.max(1, options.guard.remainingMs()));
  const executed = await executeToolCall(options.tools, call, options.redactor, signal);
  const { content, isError = false } = executed.result;
  state.transcript.add({
    type: "tool",
    turn: state.turns,
    toolCallId: call.id,
    name: call.name,
    content,
    isError,
    durationMs: options.clock.now() - started,
  });
  return executed;
}
