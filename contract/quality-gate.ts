import type { z } from "zod";
import type { qualitySchema } from "./config/quality.js";
import type { QualityGateRule, QualityMeasurement, Unmeasured } from "./quality-report.js";

/** The config's `quality` section, defaults applied. */
export type Quality = z.output<typeof qualitySchema>;
/** What the gate compares against: the config's thresholds, without the commands. */
export type QualityThresholds = Omit<Quality, "commands">;

/** The gate's verdict: every rule with its figure, and why it failed in words. */
export interface QualityGateVerdict {
  passed: boolean;
  rules: QualityGateRule[];
  reasons: string[];
}

const clip = (text: string) => (text.length > 1_000 ? `${text.slice(0, 999)}…` : text);

const SEVERITIES = ["critical", "high", "moderate", "low"] as const;

type Check = { rule: string; threshold: string; figure: string; failure: string | null };

// A null figure fails the rule that needs it: silence is never success.
function notMeasured(what: string, why: string | undefined): string {
  return `${what} not measured: ${why ?? "no tool reported it"}`;
}

function testsCheck(m: QualityMeasurement, why: Unmeasured): Check {
  const base = { rule: "Tests pass", threshold: "all pass, at least one" };
  if (m.tests === null) {
    const failure = notMeasured("Tests", why.tests ?? "the project has no tests");
    return { ...base, figure: "no tests ran", failure };
  }
  const { passed, failed, skipped } = m.tests;
  const figure = `${passed} passed, ${failed} failed, ${skipped} skipped`;
  if (failed > 0) {
    const failure = failed === 1 ? "1 test failed" : `${failed} tests failed`;
    return { ...base, figure, failure };
  }
  if (passed === 0) return { ...base, figure, failure: "no test passed (all were skipped)" };
  return { ...base, figure, failure: null };
}

function percentCheck(rule: string, figure: number | null, min: number, why: string | undefined) {
  const base = { rule, threshold: `≥ ${min}%` };
  if (figure === null) return { ...base, figure: "not measured", failure: notMeasured(rule, why) };
  const failure = figure < min ? `${rule} is ${figure}%, below the ${min}% required` : null;
  return { ...base, figure: `${figure}%`, failure };
}

function countCheck(rule: string, figure: number | null, max: number, why: string | undefined) {
  const base = { rule, threshold: `≤ ${max}` };
  if (figure === null) return { ...base, figure: "not measured", failure: notMeasured(rule, why) };
  const plural = rule.toLowerCase();
  const what = figure === 1 ? plural.replace(/ies$/, "y").replace(/s$/, "") : plural;
  const failure = figure > max ? `${figure} ${what}, more than the ${max} allowed` : null;
  return { ...base, figure: String(figure), failure };
}

// A threshold of 0% asks for nothing, and a null cap means no limit: no rule, nothing to measure.
function checks(m: QualityMeasurement, t: QualityThresholds): Check[] {
  const why = m.unmeasured ?? {};
  const list: Check[] = [testsCheck(m, why)];
  if (t.min_coverage > 0)
    list.push(percentCheck("Coverage", m.coverage.total_pct, t.min_coverage, why.coverage));
  if (t.min_changed_lines_coverage > 0) {
    const pct = m.coverage.changed_lines_pct;
    const reason = why.changed_lines ?? why.coverage;
    list.push(percentCheck("Changed lines coverage", pct, t.min_changed_lines_coverage, reason));
  }
  list.push(countCheck("Lint errors", m.lint.errors, t.max_lint_errors, why.lint));
  for (const severity of SEVERITIES) {
    const cap = t.max_vulnerabilities[severity];
    if (cap === null) continue;
    const rule = `${severity[0]?.toUpperCase()}${severity.slice(1)} vulnerabilities`;
    list.push(countCheck(rule, m.vulnerabilities[severity], cap, why.vulnerabilities));
  }
  if (t.require_docs_with_code) list.push(docsCheck(m));
  return list;
}

function docsCheck(m: QualityMeasurement): Check {
  const base = { rule: "Docs changed with code", threshold: "required" };
  return m.docs_changed_with_code
    ? { ...base, figure: "yes", failure: null }
    : { ...base, figure: "no", failure: "code changed without a documentation change" };
}

/**
 * The quality gate, decided from figures alone (pure, shared by the action
 * and the app, which re-decides rather than trusting the runner): tests must
 * exist and pass, coverage and changed-lines coverage reach their minimums,
 * lint errors and vulnerabilities per severity stay within their caps, docs
 * change with code when required. A figure that was not measured fails every
 * rule that needs it, and the reason says why it is missing.
 */
export function evaluateQualityGate(
  measured: QualityMeasurement,
  thresholds: QualityThresholds,
): QualityGateVerdict {
  const list = checks(measured, thresholds);
  const rules = list.map(({ rule, threshold, figure, failure }) => ({
    rule,
    threshold,
    figure,
    verdict: failure === null ? ("pass" as const) : ("fail" as const),
  }));
  // The report's schema caps a reason at 1,000 characters.
  const reasons = list.flatMap((c) => (c.failure === null ? [] : [clip(c.failure)]));
  return { passed: reasons.length === 0, rules, reasons };
}
