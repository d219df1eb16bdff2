import type { AgentTool, ToolOutput } from "../tools/define-tool.js";

/** Calls a tool as the loop would, with a signal that never aborts. */
export function callTool(tool: AgentTool, args: unknown): Promise<ToolOutput> {
  return tool.execute(args, new AbortController().signal);
}
