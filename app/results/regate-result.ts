import { evaluateQualityGate, type QualityThresholds } from "../../contract/quality-gate.js";
import type { StageResult } from "../../contract/stage-result.js";

/**
 * The result with its quality gate decided again by the app, from the
 * measured figures and the project's own thresholds (the default branch's
 * config): the runner's verdict is not trusted, only its measurements. The
 * gate stored, shown and acted on is this one.
 */
export function regateResult(result: StageResult, thresholds: QualityThresholds): StageResult {
  const report = result.quality_report;
  if (report === undefined) return result;
  const { gate: _runners, ...measured } = report;
  const verdict = evaluateQualityGate(measured, thresholds);
  const gate = {
    passed: verdict.passed,
    reasons: verdict.reasons.slice(0, 50),
    rules: verdict.rules,
  };
  return { ...result, quality_report: { ...measured, gate } };
}
