import * as core from "@actions/core";
import type { StageResult } from "../../../contract/stage-result.js";
import type { StageSpec } from "../../../contract/stage-spec/stage-spec-schema.js";
import type { ArtifactUpload } from "./artifact-uploader.js";
import { describeNextStep } from "./describe-next-step.js";
import { codePath, escapeInline, formatDuration, formatUsd, plural } from "./format.js";
import type { ReportOutcome } from "./report-result.js";
import { describeTokens, summariseUsage } from "./summarise-usage.js";

/** Everything the job summary shows, gathered by the runner. */
export interface JobSummaryInput {
  spec: Pick<StageSpec, "stage" | "stage_run_id" | "work_item" | "work_branch">;
  result: StageResult;
  report: ReportOutcome;
  durationMs: number;
  /** Why the change set was refused, when it was. */
  refusals?: readonly { path: string; reason: string }[];
  /** Artifacts uploaded (or not) for this run. */
  artifacts?: readonly ArtifactUpload[];
}

const VERDICT: Record<StageResult["outcome"], string> = {
  succeeded: "✅ Succeeded",
  no_changes: "⚪ No changes",
  refused_by_guard: "🛑 Refused by the guard",
  failed: "❌ Failed",
};
const MAX_LISTED = 50;

// The spec's URL is http(s); these characters would end the link early.
const linkTarget = (url: string) => url.replace(/[()<>\s]/g, encodeURIComponent);

function describeFiles(changes: StageResult["changes"]): string {
  if (changes.length === 0) return "none";
  const deleted = changes.filter((c) => c.action === "delete").length;
  return deleted === 0
    ? plural(changes.length, "file")
    : `${plural(changes.length, "file")} (${deleted} deleted)`;
}

function describeDelivery(report: ReportOutcome): string {
  if (!report.delivered) return `❌ not delivered: ${escapeInline(report.reason, 500)}`;
  const again = report.duplicate ? ", on a retry after a lost answer" : "";
  return `✅ delivered to QuantaPilot (HTTP ${report.status}${again})`;
}

function factRows({ result, report, durationMs }: JobSummaryInput): string[] {
  const usage = summariseUsage(result.usage);
  return [
    `| Outcome | ${escapeInline(result.reason)} |`,
    `| Files changed | ${describeFiles(result.changes)} |`,
    `| Model | ${usage.models.length === 0 ? "none called" : escapeInline(usage.models.join(", "))} |`,
    `| Tokens | ${describeTokens(usage)} |`,
    `| Cost | ${formatUsd(usage.usd)} |`,
    `| Duration | ${formatDuration(durationMs)} |`,
    `| Limits hit | ${result.limits_hit?.length ? result.limits_hit.join(", ") : "none"} |`,
    `| Result | ${describeDelivery(report)} |`,
  ];
}

function listSection(title: string, lines: readonly string[]): string[] {
  if (lines.length === 0) return [];
  const shown = lines.slice(0, MAX_LISTED);
  const more = lines.length > shown.length ? [`- …and ${lines.length - shown.length} more`] : [];
  return ["", `<details><summary>${title}</summary>`, "", ...shown, ...more, "", "</details>"];
}

function detailSections(input: JobSummaryInput): string[] {
  const files = input.result.changes.map(
    (c) => `- ${codePath(c.path)}${c.action === "delete" ? " (deleted)" : ""}`,
  );
  const refusals = (input.refusals ?? []).map(
    (r) => `- ${r.path === "" ? "" : `${codePath(r.path)}: `}${escapeInline(r.reason, 500)}`,
  );
  const artifacts = (input.artifacts ?? []).map((a) =>
    a.uploaded
      ? `- ${codePath(a.name)} uploaded`
      : `- ${codePath(a.name)} not uploaded: ${escapeInline(a.reason)}`,
  );
  return [
    ...listSection(`Refused (${refusals.length})`, refusals),
    ...listSection(`Files (${files.length})`, files),
    ...listSection(`Artifacts (${artifacts.length})`, artifacts),
  ];
}

/**
 * The job summary (`GITHUB_STEP_SUMMARY`) a person reads in ten seconds:
 * the verdict and the work item, one table (what was done, files, models,
 * tokens with cache, cost, duration, limits hit, whether the app has the
 * result), what happens next, then folded lists of refusals, files and
 * artifacts. Agent text is escaped so it cannot forge markup.
 */
export function renderJobSummary(input: JobSummaryInput): string {
  const { spec, result } = input;
  const item = spec.work_item;
  const what = item.kind === "issue" && item.number ? `#${item.number} ` : "";
  return [
    `## QuantaPilot · ${spec.stage} · ${VERDICT[result.outcome]}`,
    "",
    `Stage run ${spec.stage_run_id} for [${what}${escapeInline(item.title, 200)}](${linkTarget(item.url)}) on ${codePath(spec.work_branch)}`,
    "",
    "| | |",
    "|---|---|",
    ...factRows(input),
    "",
    `**Next:** ${describeNextStep({ result, workBranch: spec.work_branch, report: input.report })}`,
    ...detailSections(input),
    "",
  ].join("\n");
}

/** The step outputs later steps of the job can read. */
export function stageOutputs({
  result,
  report,
}: Pick<JobSummaryInput, "result" | "report">): Record<string, string> {
  return {
    outcome: result.outcome,
    "stage-run-id": String(result.stage_run_id),
    "files-changed": String(result.changes.length),
    usd: String(summariseUsage(result.usage).usd),
    "result-delivered": String(report.delivered),
  };
}

/** Appends the rendered summary to `GITHUB_STEP_SUMMARY` (through `core.summary`). */
export async function writeJobSummary(
  markdown: string,
  summary: Pick<typeof core.summary, "addRaw"> = core.summary,
): Promise<void> {
  await summary.addRaw(markdown, true).write();
}

/** Sets the outputs `outcome`, `stage-run-id`, `files-changed`, `usd` and `result-delivered`. */
export function setStageOutputs(
  input: Pick<JobSummaryInput, "result" | "report">,
  setOutput: (name: string, value: string) => void = core.setOutput,
): void {
  for (const [name, value] of Object.entries(stageOutputs(input))) setOutput(name, value);
}
