import type { QualityMeasurement, Unmeasured } from "../../../contract/quality-report.js";
import { type ChangedLines, readChangedLines } from "./changed-lines.js";
import { changedLinesCoverage } from "./changed-lines-coverage.js";
import { docsChangedWithCode } from "./docs-changed-with-code.js";
import { clip } from "./parse/text-tools.js";
import type { LintFigures, Reading, TestFigures, VulnerabilityFigures } from "./qa-step.js";

/** What each step of the run gave, before it becomes a report. */
export interface StepReadings {
  test: Reading<TestFigures>;
  lint: Reading<LintFigures>;
  audit: Reading<VulnerabilityFigures>;
  changed: Reading<ChangedLines>;
}

// A null changed-lines figure says why; `note` clips the reason.
function changedLines(
  test: Reading<TestFigures>,
  changed: Reading<ChangedLines>,
): { pct: number | null; reason?: string } {
  if (!changed.ok)
    return { pct: null, reason: `the changes since the base could not be read: ${changed.why}` };
  if (!test.ok || test.value.lineHits === null) {
    const reason = "no line coverage report (lcov or coverage.py JSON) to match the changed lines";
    return { pct: null, reason };
  }
  return { pct: changedLinesCoverage(changed.value, test.value.lineHits) };
}

// Coverage with no test run measures only what importing the code did: it is not a figure.
function withoutCoverageWhenNoTests(test: Reading<TestFigures>): Reading<TestFigures> {
  if (!test.ok || test.value.tests !== null) return test;
  const value = { ...test.value, totalPct: null, lineHits: null, noCoverage: "no tests ran" };
  return { ok: true, value };
}

/** The report's figures from the steps' readings; every null figure says why in `unmeasured`. */
export function toMeasurement(readings: StepReadings): QualityMeasurement {
  const { lint, audit, changed } = readings;
  const test = withoutCoverageWhenNoTests(readings.test);
  const lines = changedLines(test, changed);
  const unmeasured: Unmeasured = {};
  const note = (key: keyof Unmeasured, text: string | undefined) => {
    if (text !== undefined) unmeasured[key] = clip(text, 1_000);
  };
  note("tests", test.ok ? test.value.noTests : test.why);
  note("coverage", test.ok ? test.value.noCoverage : `the tests did not run: ${test.why}`);
  note("changed_lines", lines.reason);
  note("lint", lint.ok ? undefined : lint.why);
  note("vulnerabilities", audit.ok ? undefined : audit.why);
  note("docs", changed.ok ? undefined : changed.why);
  return {
    tests: test.ok ? test.value.tests : null,
    coverage: { total_pct: test.ok ? test.value.totalPct : null, changed_lines_pct: lines.pct },
    lint: lint.ok ? lint.value : { errors: null, warnings: null },
    vulnerabilities: audit.ok
      ? audit.value
      : { critical: null, high: null, moderate: null, low: null },
    docs_changed_with_code: changed.ok ? docsChangedWithCode(changed.value.files) : false,
    ...(Object.keys(unmeasured).length > 0 && { unmeasured }),
  };
}

export { readChangedLines };
