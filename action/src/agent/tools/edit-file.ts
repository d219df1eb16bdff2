import { readFile, writeFile } from "node:fs/promises";
import { z } from "zod";
import type { WorkspaceGuard } from "../workspace-guard.js";
import { type AgentTool, defineTool, toolError } from "./define-tool.js";
import { findLooseMatch, findOccurrences, lineAt } from "./find-occurrences.js";
import { isBinary } from "./is-binary.js";

const args = z.object({
  path: z.string().min(1).describe("File path relative to the workspace root."),
  old_text: z
    .string()
    .min(1)
    .describe("Text to replace, copied exactly (whitespace and indentation included)."),
  new_text: z.string().describe("Text to put in its place."),
  replace_all: z
    .boolean()
    .default(false)
    .describe("Replace every occurrence; otherwise old_text must occur exactly once."),
});

type EditArgs = z.output<typeof args>;

/**
 * `edit_file`: exact search and replace in one file. The text must occur
 * once (or `replace_all`); otherwise the answer says how many times it was
 * found and on which lines, or, when it was not found, where a match that
 * differs only in indentation starts, so the model can correct itself.
 */
export function createEditFileTool(options: { guard: WorkspaceGuard }): AgentTool {
  return defineTool({
    name: "edit_file",
    description:
      "Replace old_text with new_text in a file. old_text must match exactly and occur once, unless replace_all is true.",
    args,
    async run(edit) {
      const readable = options.guard.resolveForRead(edit.path);
      if (!readable.ok) return toolError(`Refused: ${readable.message}`);
      const writable = options.guard.resolveForWrite(edit.path);
      if (!writable.ok) return toolError(`Refused: ${writable.message}`);
      const bytes = await readFile(writable.absolute).catch(() => undefined);
      if (!bytes) return toolError(`"${edit.path}" does not exist; create it with write_file.`);
      if (isBinary(bytes))
        return toolError(`"${edit.path}" is a binary file; it cannot be edited.`);
      const outcome = applyEdit(bytes.toString("utf8"), edit);
      if ("error" in outcome) return toolError(outcome.error);
      await writeFile(writable.absolute, outcome.text, "utf8");
      return { content: `Edited ${writable.relative}: ${outcome.summary}.` };
    },
  });
}

type EditOutcome = { text: string; summary: string } | { error: string };

function applyEdit(content: string, edit: EditArgs): EditOutcome {
  const { path, old_text: oldText, new_text: newText } = edit;
  if (oldText === newText) return { error: "old_text and new_text are the same; nothing to do." };
  const at = findOccurrences(content, oldText);
  const lines = at.map((index) => lineAt(content, index));
  const first = at[0];
  if (first === undefined) return { error: notFound(path, content, oldText) };
  if (at.length > 1 && !edit.replace_all) {
    return {
      error: `old_text occurs ${at.length} times in ${path} (lines ${lines.join(", ")}); include more surrounding lines so it occurs once, or set replace_all to true.`,
    };
  }
  // split/join and slicing, not String.replace: "$&" in new_text must stay literal.
  const text = edit.replace_all
    ? content.split(oldText).join(newText)
    : content.slice(0, first) + newText + content.slice(first + oldText.length);
  const count = at.length === 1 ? "1 occurrence" : `${at.length} occurrences`;
  return {
    text,
    summary: `replaced ${count} at line${at.length === 1 ? "" : "s"} ${lines.join(", ")}`,
  };
}

function notFound(path: string, content: string, oldText: string): string {
  const loose = findLooseMatch(content, oldText);
  const hint =
    loose === undefined
      ? "read the file again and copy the text exactly."
      : `text matching it except for indentation or trailing spaces starts at line ${loose}; copy it exactly as read_file shows it.`;
  return `old_text was not found in ${path} (0 matches): ${hint}`;
}
