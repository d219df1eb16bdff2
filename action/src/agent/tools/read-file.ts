import { readFile, stat } from "node:fs/promises";
import { z } from "zod";
import type { WorkspaceGuard } from "../workspace-guard.js";
import { type AgentTool, defineTool, type ToolOutput, toolError } from "./define-tool.js";
import { isBinary } from "./is-binary.js";

/** What `read_file` needs, and its caps. */
export interface ReadFileOptions {
  guard: WorkspaceGuard;
  /** Larger files are refused (search them instead); default 2 MB. */
  maxFileBytes?: number;
  /** Most lines in one answer; default 2,000. */
  maxLines?: number;
  /** Most characters in one answer; default 60,000. */
  maxChars?: number;
}

const line = z.int().positive().max(10_000_000);
const args = z.object({
  path: z.string().min(1).describe("File path relative to the workspace root."),
  start_line: line.optional().describe("First line to show (1-based); default 1."),
  end_line: line.optional().describe("Last line to show (inclusive); default as many as fit."),
});

/**
 * `read_file`: a text file, whole or a range of lines, with a header giving
 * the range and the file's length and a note saying how to read on when the
 * answer is cut. Binary files and files over the size cap are described,
 * not shown.
 */
export function createReadFileTool(options: ReadFileOptions): AgentTool {
  const caps: Caps = {
    maxFileBytes: options.maxFileBytes ?? 2_000_000,
    maxLines: options.maxLines ?? 2_000,
    maxChars: options.maxChars ?? 60_000,
  };
  return defineTool({
    name: "read_file",
    description:
      "Read a text file of the workspace, optionally only lines start_line to end_line. Long files are cut; the answer says how to read on.",
    args,
    async run(request) {
      const file = await loadText(options.guard, request.path, caps.maxFileBytes);
      if ("content" in file) return file;
      return showLines(file.relative, file.text, request, caps);
    },
  });
}

// The file's text, or the answer explaining why it is not shown.
async function loadText(
  guard: WorkspaceGuard,
  path: string,
  maxBytes: number,
): Promise<ToolOutput | { relative: string; text: string }> {
  const resolved = guard.resolveForRead(path);
  if (!resolved.ok) return toolError(`Refused: ${resolved.message}`);
  const info = await stat(resolved.absolute).catch(() => undefined);
  if (!info) return toolError(`"${path}" does not exist; list_files shows what does.`);
  if (!info.isFile()) return toolError(`"${path}" is not a file; use list_files.`);
  if (info.size > maxBytes) {
    return toolError(
      `"${path}" is ${info.size} bytes, over the ${maxBytes}-byte cap; use search to find the part you need.`,
    );
  }
  const bytes = await readFile(resolved.absolute);
  if (isBinary(bytes))
    return { content: `"${path}" is a binary file of ${bytes.length} bytes; not shown.` };
  return { relative: resolved.relative, text: bytes.toString("utf8") };
}

interface Range {
  start_line?: number | undefined;
  end_line?: number | undefined;
}

interface Caps {
  maxFileBytes: number;
  maxLines: number;
  maxChars: number;
}

function showLines(path: string, text: string, range: Range, caps: Caps): ToolOutput {
  if (text === "") return { content: `${path} is empty.` };
  const lines = text.endsWith("\n") ? text.slice(0, -1).split("\n") : text.split("\n");
  const start = range.start_line ?? 1;
  if (start > lines.length) {
    return toolError(`${path} has ${lines.length} lines; start_line ${start} is past the end.`);
  }
  const wanted = Math.min(range.end_line ?? lines.length, lines.length);
  if (wanted < start) return toolError(`end_line ${wanted} is before start_line ${start}.`);
  const last = Math.min(wanted, start + caps.maxLines - 1);
  const shown = takeWithin(lines.slice(start - 1, last), caps.maxChars);
  const end = start + shown.length - 1;
  const header = `${path} (lines ${start}-${end} of ${lines.length})`;
  const cut = end < wanted;
  const note = cut ? `\n[cut at line ${end}; read on with start_line ${end + 1}]` : "";
  return { content: `${header}\n${shown.join("\n")}${note}` };
}

// Whole lines up to maxChars; a single longer line (minified code) is clipped.
function takeWithin(lines: readonly string[], maxChars: number): string[] {
  const shown: string[] = [];
  let chars = 0;
  for (const line of lines) {
    if (shown.length > 0 && chars + line.length > maxChars) break;
    const clipped = line.length > maxChars ? `${line.slice(0, maxChars)}[… line clipped]` : line;
    shown.push(clipped);
    chars += clipped.length + 1;
  }
  return shown;
}
