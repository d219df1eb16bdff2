import { describe, expect, it } from "vitest";
import { aQualityReport } from "../test/fixtures/stage-result.js";
import { MAX_FINDINGS } from "./finding.js";
import { mergeFindings, qualityGateFindings } from "./quality-gate-findings.js";

describe("qualityGateFindings", () => {
  it("asks nothing of a passed gate", () => {
    expect(qualityGateFindings(aQualityReport())).toEqual([]);
  });

  it("lists failing tests, lint errors (not warnings) and the gate's reasons, located where known", () => {
    const report = aQualityReport({
      tests: {
        passed: 0,
        failed: 2,
        skipped: 0,
        failures: [
          { name: "adds", file: "t/a.test.js", line: 3, message: "expected 2" },
          { name: "loads", message: "" },
        ],
      },
      lint: {
        errors: 1,
        warnings: 1,
        problems: [
          { file: "src/a.js", line: 1, severity: "error", message: "bad" },
          { file: "src/a.js", line: 2, severity: "warning", message: "meh" },
        ],
      },
      gate: { passed: false, reasons: ["2 tests failed"] },
    });
    expect(qualityGateFindings(report)).toEqual([
      {
        severity: "error",
        message: 'Failing test "adds": expected 2',
        path: "t/a.test.js",
        line: 3,
      },
      { severity: "error", message: 'Failing test "loads"' },
      { severity: "error", message: "Lint error: bad", path: "src/a.js", line: 1 },
      { severity: "error", message: "Quality gate: 2 tests failed" },
    ]);
  });

  it("merges without repeating a finding and stays within the cap", () => {
    const one = { severity: "error" as const, message: "m", path: "a", line: 1 };
    expect(mergeFindings([one], [one, { ...one, line: 2 }])).toEqual([one, { ...one, line: 2 }]);
    const many = Array.from({ length: MAX_FINDINGS }, (_, i) => ({ ...one, line: i + 1 }));
    expect(mergeFindings(many, [{ ...one, message: "late" }])).toHaveLength(MAX_FINDINGS);
  });
});
