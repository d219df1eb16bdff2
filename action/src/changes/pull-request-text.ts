import type { FileChange } from "../../../contract/stage-result.js";
import type { StageSpec } from "../../../contract/stage-spec/stage-spec-schema.js";
import { codePath, escapeInline, plural } from "../report/format.js";
import { neutraliseReferences } from "./neutralise-references.js";

/** What the PR text is made of; the spec fields are the ones a full spec has. */
export interface PullRequestTextInput {
  spec: Pick<StageSpec, "stage" | "role" | "stage_run_id" | "work_item">;
  /** The agent's summary of what it did and why; already redacted. */
  summary: string;
  changes: readonly FileChange[];
}

// The schema's limits: a one-line title of 256, a body of 60,000.
const MAX_TITLE = 256;
const MAX_BODY = 60_000;
const MAX_FILE_ROWS = 100;
// Paths may be 4,096 characters each; the table must leave room for the why.
const MAX_TABLE = 20_000;

function buildTitle({ work_item: item }: PullRequestTextInput["spec"]): string {
  const title = item.title.replace(/\s+/g, " ").trim();
  const prefix = item.kind === "kickoff" ? "Plan: " : item.kind === "release" ? "Release: " : "";
  const full = `${prefix}${title}`;
  return full.length <= MAX_TITLE ? full : `${full.slice(0, MAX_TITLE - 1)}…`;
}

function describeChange(change: FileChange): string {
  if (change.action === "delete") return "deleted";
  if (change.mode === "120000") return "symlink";
  if (change.mode === "100755") return "written, executable";
  return change.encoding === "base64" ? "written, binary" : "written";
}

function buildFileTable(changes: readonly FileChange[]): string {
  if (changes.length === 0) return "### Files changed\n\nNone.";
  const rows: string[] = [];
  let size = 0;
  for (const change of changes.slice(0, MAX_FILE_ROWS)) {
    const row = `| ${codePath(change.path)} | ${describeChange(change)} |`;
    if (size + row.length > MAX_TABLE) break;
    rows.push(row);
    size += row.length + 1;
  }
  const more = changes.length - rows.length;
  const tail = more > 0 ? `\n\n…and ${plural(more, "more file")}.` : "";
  return `### Files changed (${changes.length})\n\n| File | Change |\n|---|---|\n${rows.join("\n")}${tail}`;
}

function buildFooter({ spec }: PullRequestTextInput): string {
  const item = spec.work_item;
  const url = item.url.replace(/[()<>\s]/g, encodeURIComponent);
  const link = `[${escapeInline(item.title, 120)}](${url})`;
  const byline = `<sub>Written by QuantaPilot's ${spec.role} agent (${spec.stage} stage, run ${spec.stage_run_id}) for ${link}. Approve with a review or \`/approve\`; ask for changes with \`/reject <why>\`.</sub>`;
  return item.kind === "issue" && item.number ? `Closes #${item.number}\n\n${byline}` : byline;
}

/**
 * The PR title and body for a stage's changes: the work item's title; the
 * agent's account of what changed and why (closing keywords and mentions
 * neutralised), the files, `Closes #n` for an issue, and who wrote it and
 * how to steer it — cut so the body stays within the result's 60,000.
 */
export function buildPullRequestText(input: PullRequestTextInput): { title: string; body: string } {
  const files = buildFileTable(input.changes);
  const footer = buildFooter(input);
  const room = MAX_BODY - files.length - footer.length - 100;
  const summary = neutraliseReferences(input.summary.replace(/\r\n?/g, "\n").trim());
  const why =
    summary.length <= room ? summary : `${summary.slice(0, room).trimEnd()}\n\n*[summary cut]*`;
  const sections = [
    why === "" ? "### What and why\n\nThe agent left no summary." : `### What and why\n\n${why}`,
    files,
    footer,
  ];
  return { title: buildTitle(input.spec), body: sections.join("\n\n") };
}
