import { readFile } from "node:fs/promises";
import { z } from "zod";
import { FINDING_SEVERITIES } from "../../../../contract/finding.js";
import { type AgentTool, defineTool, toolError } from "../../agent/tools/define-tool.js";
import type { WorkspaceGuard } from "../../agent/workspace-guard.js";
import { type CommentableLines, isCommentable } from "./read-commentable-lines.js";
import { MAX_REVIEW_COMMENTS, type ReviewNotes } from "./review-notes.js";

const args = z.object({
  path: z.string().min(1).max(4_096).describe("The file, relative to the repository root."),
  line: z.int().positive().describe("The line of the file as it is now (the PR head), from 1."),
  body: z.string().min(1).max(10_000).describe("The problem and the fix you suggest."),
  severity: z
    .enum(FINDING_SEVERITIES)
    .default("warning")
    .describe("error: must be fixed before merging; warning: should be; info: a remark."),
});

/**
 * `add_review_comment`: an inline remark on a line of the reviewed head. The
 * file must be readable through the guard and have that line, so every
 * comment lands where GitHub can show it, and the model hears at once when
 * one would not.
 */
export function createAddReviewCommentTool(
  guard: WorkspaceGuard,
  notes: ReviewNotes,
  /** The diff's lines, when the change's base is known; without it any line of a file goes. */
  commentable?: CommentableLines,
): AgentTool {
  return defineTool({
    name: "add_review_comment",
    description: `Add an inline review comment on a line of a file as it is in this checkout (the PR head). At most ${MAX_REVIEW_COMMENTS} comments; put the most important first.`,
    args,
    async run({ path, line, body, severity }) {
      if (notes.comments.length >= MAX_REVIEW_COMMENTS) {
        return toolError(
          `Refused: a review holds at most ${MAX_REVIEW_COMMENTS} comments; put the rest in your summary.`,
        );
      }
      const resolved = guard.resolveForRead(path);
      if (!resolved.ok) return toolError(`Refused: ${resolved.message}`);
      const text = await readFile(resolved.absolute, "utf8").catch(() => undefined);
      if (text === undefined) return toolError(`"${path}" is not a file of the checkout.`);
      const lines = text.split("\n").length - (text.endsWith("\n") ? 1 : 0);
      if (line > lines)
        return toolError(`"${path}" has ${lines} lines; line ${line} does not exist.`);
      if (commentable !== undefined && !isCommentable(commentable, resolved.relative, line)) {
        return toolError(
          `Line ${line} of "${path}" is not part of the change, and GitHub only takes comments on the diff; comment on a changed line or put the remark in your summary.`,
        );
      }
      notes.comments.push({ path: resolved.relative, line, body, severity });
      return { content: `Comment ${notes.comments.length} added on ${resolved.relative}:${line}.` };
    },
  });
}
