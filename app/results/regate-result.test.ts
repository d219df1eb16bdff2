import { describe, expect, it } from "vitest";
import { qualitySchema } from "../../contract/config/quality.js";
import { aQualityReport, aStageResult } from "../../test/fixtures/stage-result.js";
import { regateResult } from "./regate-result.js";

const defaults = qualitySchema.parse({});

describe("regateResult", () => {
  it("overrules a runner that claims a pass its own figures do not support", () => {
    const lying = aQualityReport({
      tests: { passed: 0, failed: 3, skipped: 0, failures: [] },
      gate: { passed: true, reasons: [] },
    });
    const gate = regateResult(aStageResult({ quality_report: lying }), defaults).quality_report
      ?.gate;
    expect(gate?.passed).toBe(false);
    expect(gate?.reasons).toContain("3 tests failed");
    expect(gate?.rules?.[0]).toEqual({
      rule: "Tests pass",
      threshold: "all pass, at least one",
      figure: "0 passed, 3 failed, 0 skipped",
      verdict: "fail",
    });
  });

  it("judges with the project's thresholds, not the runner's", () => {
    const report = aQualityReport({
      tests: { passed: 4, failed: 0, skipped: 0, failures: [] },
      coverage: { total_pct: 85, changed_lines_pct: 90 },
      lint: { errors: 0, warnings: 0 },
      vulnerabilities: { critical: 0, high: 0, moderate: 0, low: 0 },
      gate: { passed: false, reasons: ["the runner had a stricter config"] },
    });
    const result = aStageResult({ quality_report: report });
    expect(regateResult(result, defaults).quality_report?.gate).toMatchObject({
      passed: true,
      reasons: [],
    });
    const strict = qualitySchema.parse({ min_coverage: 90 });
    expect(regateResult(result, strict).quality_report?.gate.reasons).toEqual([
      "Coverage is 85%, below the 90% required",
    ]);
  });

  it("leaves a result without a quality report as it is", () => {
    const result = aStageResult({});
    expect(regateResult(result, defaults)).toBe(result);
  });
});
