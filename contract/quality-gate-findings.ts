import { type Finding, MAX_FINDINGS } from "./finding.js";
import type { QualityReport } from "./quality-report.js";

const clip = (text: string, max: number) =>
  text.length > max ? `${text.slice(0, max - 1)}…` : text;

function located(path: string | undefined, line: number | undefined) {
  return {
    ...(path !== undefined && { path }),
    ...(path !== undefined && line !== undefined && { line }),
  };
}

/**
 * What a failed quality gate asks of the next `implement` run, as findings:
 * each failing test by name at its file and line, each lint error at its
 * location, then the gate's reasons (coverage, vulnerabilities, a missing
 * tool). A passed gate asks nothing. At most MAX_FINDINGS.
 */
export function qualityGateFindings(report: QualityReport): Finding[] {
  if (report.gate.passed) return [];
  const tests = (report.tests?.failures ?? []).map((t) => ({
    severity: "error" as const,
    message: clip(`Failing test "${t.name}"${t.message ? `: ${t.message}` : ""}`, 20_000),
    ...located(t.file, t.line),
  }));
  const lint = (report.lint.problems ?? [])
    .filter((p) => p.severity === "error")
    .map((p) => ({
      severity: "error" as const,
      message: clip(
        `Lint error${p.rule ? ` (${p.rule})` : ""}: ${p.message || "(no message)"}`,
        20_000,
      ),
      ...located(p.file, p.line),
    }));
  const reasons = report.gate.reasons.map((r) => ({
    severity: "error" as const,
    message: `Quality gate: ${r}`,
  }));
  return [...tests, ...lint, ...reasons].slice(0, MAX_FINDINGS);
}

/** `first` then those of `more` not already in it (same message and place), at most MAX_FINDINGS. */
export function mergeFindings(first: readonly Finding[], more: readonly Finding[]): Finding[] {
  const key = (f: Finding) => `${f.path ?? ""}\u0000${f.line ?? ""}\u0000${f.message}`;
  const seen = new Set(first.map(key));
  return [...first, ...more.filter((f) => !seen.has(key(f)))].slice(0, MAX_FINDINGS);
}
