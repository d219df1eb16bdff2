import type { StageName } from "../../../contract/config.js";
import type { QualityReport } from "../../../contract/quality-report.js";
import type { StageResult } from "../../../contract/stage-result.js";
import type { CheckConclusion } from "../pipeline/effects.js";
import { renderCheckRunDetails } from "./check-run-details.js";
import { escapeInline, formatDuration, formatUsd, plural } from "./format.js";
import { describeTokens, summariseUsage } from "./summarise-usage.js";
import { truncateCheckRunOutput } from "./truncate.js";

/** A check run's `output`: `text` is empty when there is nothing behind the summary. */
export interface CheckRunOutput {
  title: string;
  summary: string;
  text: string;
}

/** Everything a completed check run reports, gathered by the performer. */
export interface CheckRunReport {
  stage: StageName;
  runNumber: number;
  iteration: number;
  conclusion: CheckConclusion;
  /** The effect's summary: what happened, then what is next and who must act. */
  headline: string;
  /** The stored stage result, or null when none arrived or it was unreadable. */
  result: StageResult | null;
  usdSpent: number;
  usdCap: number;
  /** From the job's start to the run's end; null when the job never started. */
  durationMs: number | null;
}

const VERDICT: Record<CheckConclusion, string> = {
  success: "✅ Succeeded",
  failure: "❌ Failed",
  neutral: "⚪ Nothing to use",
  action_required: "✋ Action required",
  cancelled: "⏹️ Cancelled",
  timed_out: "⏱️ Timed out",
};

/** Created at dispatch: nothing has run yet. */
export function renderQueuedOutput(stage: StageName): CheckRunOutput {
  const summary = `The ${stage} stage is queued: a GitHub Actions job will pick it up shortly.`;
  return { title: "Queued", summary, text: "" };
}

/** The job started; the log is one click away. */
export function renderStartedOutput(stage: StageName, logUrl: string | null): CheckRunOutput {
  const log = logUrl === null ? "" : ` Follow it in the [job log](${logUrl}).`;
  return { title: "Running", summary: `The ${stage} stage is running.${log}`, text: "" };
}

function describeChanges(changes: StageResult["changes"]): string {
  if (changes.length === 0) return "none";
  const deleted = changes.filter((c) => c.action === "delete").length;
  return deleted === 0
    ? plural(changes.length, "file")
    : `${plural(changes.length, "file")} (${deleted} deleted)`;
}

function describeQuality(report: QualityReport): string {
  const tests = report.tests;
  const parts = [
    tests === null
      ? "no tests ran"
      : `${tests.passed} passed · ${tests.failed} failed · ${tests.skipped} skipped`,
  ];
  if (report.coverage.total_pct !== null) parts.push(`coverage ${report.coverage.total_pct}%`);
  parts.push(report.gate.passed ? "gate passed" : "gate failed");
  return parts.join(" · ");
}

function resultRows(result: StageResult): string[] {
  const usage = summariseUsage(result.usage);
  const rows = [
    `| What was done | ${escapeInline(result.reason)} |`,
    `| Files changed | ${describeChanges(result.changes)} |`,
    `| Model | ${usage.models.length === 0 ? "none called" : escapeInline(usage.models.join(", "))} |`,
    `| Tokens | ${describeTokens(usage)} |`,
  ];
  if (result.quality_report) rows.push(`| Tests | ${describeQuality(result.quality_report)} |`);
  if (result.findings.length > 0)
    rows.push(`| Findings | ${plural(result.findings.length, "finding")}, listed below |`);
  if (result.limits_hit?.length) rows.push(`| Limits hit | ${result.limits_hit.join(", ")} |`);
  return rows;
}

function factRows(report: CheckRunReport): string[] {
  const { result, durationMs } = report;
  const head = result === null ? ["| Result | none received |"] : resultRows(result);
  return [
    ...head,
    `| Cost | ${formatUsd(report.usdSpent)} of a ${formatUsd(report.usdCap)} cap |`,
    `| Duration | ${durationMs === null ? "the job never started" : formatDuration(durationMs)} |`,
  ];
}

function completedTitle(report: CheckRunReport): string {
  // The headline goes on to say what is next; the title has room for what happened only.
  const what =
    report.result?.reason ?? /^.*?[.!?](?=\s|$)/s.exec(report.headline)?.[0] ?? report.headline;
  const title = `${VERDICT[report.conclusion].replace(/^\S+ /, "")}: ${what.replace(/\s+/g, " ")}`;
  return title.length > 200 ? `${title.slice(0, 199)}…` : title;
}

/**
 * The completed check run, readable in ten seconds: the verdict and what
 * comes next (who must act), then one table of what was done, files, model,
 * tokens, cost and duration. The details go to `text`. Both are cut at
 * GitHub's limit with a note. The conclusion is the effect's, never upgraded.
 */
export function renderCompletedOutput(report: CheckRunReport): CheckRunOutput {
  const rework = report.iteration === 0 ? "" : ` · rework round ${report.iteration}`;
  const summary = [
    `### ${VERDICT[report.conclusion]}`,
    "",
    escapeInline(report.headline, 2_000),
    "",
    "| | |",
    "|---|---|",
    ...factRows(report),
    "",
    `<sub>Run ${report.runNumber} of this work item${rework}</sub>`,
  ].join("\n");
  return {
    title: completedTitle(report),
    summary: truncateCheckRunOutput(summary),
    text: truncateCheckRunOutput(renderCheckRunDetails(report.result)),
  };
}
