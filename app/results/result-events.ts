import type { Finding as ResultFinding } from "../../contract/finding.js";
import { mergeFindings, qualityGateFindings } from "../../contract/quality-gate-findings.js";
import type { StageResult } from "../../contract/stage-result.js";
import type { ResultAcceptedEvent, ResultRefusedEvent } from "../core/pipeline/events.js";
import type { Finding } from "../core/pipeline/state.js";

/** What the run spent by its own account: the sum of its usage, in USD. */
export function totalUsd(result: StageResult): number {
  return result.usage.reduce((sum, usage) => sum + usage.usd, 0);
}

/** A result's finding as the pipeline hands it to the next implement run. */
export function toPipelineFinding(finding: ResultFinding): Finding {
  const severity = finding.severity === "error" ? "" : `(${finding.severity}) `;
  return {
    summary: `${severity}${finding.message}`,
    ...(finding.path !== undefined && { path: finding.path }),
    ...(finding.line !== undefined && { line: finding.line }),
  };
}

// A failed gate's failing tests and lint errors go to the next implement run, even when
// the agent did not list them itself. The gate is the app's (see regateResult).
function findingsOf(result: StageResult): ResultFinding[] {
  const report = result.quality_report;
  if (report === undefined) return result.findings;
  return mergeFindings(result.findings, qualityGateFindings(report));
}

// The app cannot approve or request changes on its own PR, so the verdict travels as data.
function reviewVerdict(result: StageResult): Pick<ResultAcceptedEvent, "reviewVerdict"> {
  if (result.review === undefined) return {};
  return { reviewVerdict: result.review.event === "APPROVE" ? "approve" : "request_changes" };
}

/**
 * The pipeline event for a result that was written (its commit is
 * `headSha`) or had nothing to write. A run the workspace guard stopped
 * counts as failed, saying so.
 */
export function resultAcceptedEvent(
  runNumber: number,
  result: StageResult,
  headSha: string | undefined,
  now: string,
): ResultAcceptedEvent {
  const { outcome, reason } = result;
  const guarded = outcome === "refused_by_guard";
  return {
    type: "result_accepted",
    now,
    runId: runNumber,
    outcome: outcome === "refused_by_guard" ? "failed" : outcome,
    reason: guarded ? `the workspace guard stopped the agent: ${reason}` : reason,
    usd: totalUsd(result),
    ...(headSha !== undefined && { headSha }),
    ...(result.quality_report !== undefined && { gatePassed: result.quality_report.gate.passed }),
    ...reviewVerdict(result),
    findings: findingsOf(result).map(toPipelineFinding),
  };
}

/** The pipeline event for a result the app would not write: the run still cost what it cost. */
export function resultRefusedEvent(
  runNumber: number,
  result: StageResult,
  reason: string,
  now: string,
): ResultRefusedEvent {
  return { type: "result_refused", now, runId: runNumber, reason, usd: totalUsd(result) };
}
