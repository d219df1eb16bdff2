import { TOOL_NAMES, type ToolName } from "../agent/tools/create-agent-tools.js";

/** Every shared tool: for stages that write files. */
export const ALL_TOOLS: readonly ToolName[] = TOOL_NAMES;

/** Tools that look but do not touch: for the reviewer. */
export const READ_ONLY_TOOLS: readonly ToolName[] = ["list_files", "read_file", "search", "run"];

/** Lines as a Markdown bullet list. */
export function bulletList(lines: readonly string[]): string {
  return lines.map((line) => `- ${line}`).join("\n");
}
