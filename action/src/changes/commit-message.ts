import type { StageName } from "../../../contract/config.js";
import type { StageSpec } from "../../../contract/stage-spec/stage-spec-schema.js";
import { neutraliseReferences } from "./neutralise-references.js";

/** What a commit message is made of. */
export interface CommitMessageInput {
  stage: StageName;
  stageRunId: number;
  workItem: StageSpec["work_item"];
  /** The agent's summary of what it did and why; already redacted. */
  summary: string;
}

/** Git's and GitHub's advice for a subject line that shows in full. */
export const MAX_SUBJECT = 72;
// The result schema allows 20,000; leave room for the work item line and trailers.
const MAX_BODY = 18_000;

function oneLine(text: string): string {
  // biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are what we drop.
  return text.replace(/[\u0000-\u001f\u007f\s]+/g, " ").trim();
}

function cut(text: string, max: number): string {
  if (text.length <= max) return text;
  const head = text.slice(0, max - 1);
  const space = head.lastIndexOf(" ");
  return `${(space > max / 2 ? head.slice(0, space) : head).trimEnd()}…`;
}

/** "implement: Add a login page (#12)", cut on a word so it fits 72 characters. */
export function buildSubject(stage: StageName, workItem: StageSpec["work_item"]): string {
  const prefix = `${stage}: `;
  const suffix = workItem.kind === "issue" && workItem.number ? ` (#${workItem.number})` : "";
  const title = oneLine(workItem.title) || workItem.kind;
  return `${prefix}${cut(title, MAX_SUBJECT - prefix.length - suffix.length)}${suffix}`;
}

function buildBody(summary: string): string {
  const text = neutraliseReferences(summary.replace(/\r\n?/g, "\n").trim());
  return text.length <= MAX_BODY ? text : `${text.slice(0, MAX_BODY).trimEnd()}\n\n[summary cut]`;
}

/**
 * The commit message for a stage's changes: a subject of at most 72
 * characters naming the stage and the work item, the agent's summary (its
 * closing keywords and mentions neutralised), a link to the work item, and
 * the trailers `QuantaPilot-Stage` and `QuantaPilot-Stage-Run` as the last
 * paragraph, where `git interpret-trailers` finds them.
 */
export function buildCommitMessage(input: CommitMessageInput): string {
  const body = buildBody(input.summary);
  const trailers = [
    `QuantaPilot-Stage: ${input.stage}`,
    `QuantaPilot-Stage-Run: ${input.stageRunId}`,
  ].join("\n");
  const paragraphs = [
    buildSubject(input.stage, input.workItem),
    body,
    `Work item: ${input.workItem.url}`,
  ];
  return `${[...paragraphs.filter((p) => p !== ""), trailers].join("\n\n")}\n`;
}
