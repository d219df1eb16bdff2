import type { TranscriptEntry } from "../agent/transcript.js";

const MAX_ARGS = 120;

function shortArgs(args: unknown): string {
  const text = typeof args === "string" ? args : JSON.stringify(args);
  return text.length <= MAX_ARGS ? text : `${text.slice(0, MAX_ARGS - 1)}…`;
}

/**
 * One line of progress for a person watching a run, from a transcript entry
 * (already redacted): each model turn with its tool calls, each tool's
 * failure, notes and the stop. Undefined for entries not worth a line.
 */
export function formatProgress(entry: TranscriptEntry): string | undefined {
  switch (entry.type) {
    case "assistant": {
      const calls = entry.toolCalls.map((call) => `${call.name} ${shortArgs(call.arguments)}`);
      const said = entry.text.trim() ? ` "${shortArgs(entry.text.trim())}"` : "";
      return `turn ${entry.turn} · ${entry.model}${said}${calls.length ? ` → ${calls.join(", ")}` : ""}`;
    }
    case "tool":
      return entry.isError
        ? `  ${entry.name} refused or failed: ${shortArgs(entry.content.split("\n")[0])}`
        : undefined;
    case "note":
      return `  note: ${entry.text}`;
    case "stop":
      return `stopped (${entry.outcome}) after ${entry.turn} turns`;
    default:
      return undefined;
  }
}
