import { runGit } from "../../changes/run-git.js";

/** Per file of the change, the line ranges (new side) a review comment may sit on. */
export type CommentableLines = ReadonlyMap<string, readonly (readonly [number, number])[]>;

const FILE = /^\+\+\+ b\/(.+)$/;
const HUNK = /^@@ -\d+(?:,\d+)? \+(\d+)(?:,(\d+))? @@/;

/**
 * Reads which lines of which files the diff `diffBase..HEAD` shows: GitHub
 * accepts an inline comment only on a line inside a hunk of the PR's diff
 * (context lines included), so the reviewer's tool refuses the others
 * before the whole review is rejected.
 */
export async function readCommentableLines(
  root: string,
  diffBase: string,
): Promise<CommentableLines> {
  const diff = await runGit(root, ["diff", "--no-color", "--no-ext-diff", "-U3", diffBase, "HEAD"]);
  return parseCommentableLines(diff.toString("utf8"));
}

/** The hunks of a unified diff, by new path. Pure. */
export function parseCommentableLines(diff: string): CommentableLines {
  const lines = new Map<string, [number, number][]>();
  let ranges: [number, number][] | undefined;
  for (const line of diff.split("\n")) {
    const file = FILE.exec(line);
    if (file?.[1]) {
      ranges = [];
      lines.set(file[1], ranges);
      continue;
    }
    const hunk = HUNK.exec(line);
    if (hunk && ranges) {
      const start = Number(hunk[1]);
      const count = hunk[2] === undefined ? 1 : Number(hunk[2]);
      if (count > 0) ranges.push([start, start + count - 1]);
    }
  }
  return lines;
}

/** Whether `line` of `path` is inside the diff. */
export function isCommentable(lines: CommentableLines, path: string, line: number): boolean {
  return (lines.get(path) ?? []).some(([start, end]) => line >= start && line <= end);
}
