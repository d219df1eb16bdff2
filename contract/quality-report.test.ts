import { describe, expect, it } from "vitest";
import { aQualityReport } from "../test/fixtures/stage-result.js";
import { qualityReportSchema } from "./quality-report.js";

function issuePaths(value: unknown): string[] {
  const parsed = qualityReportSchema.safeParse(value);
  if (parsed.success) throw new Error("expected the report to be refused");
  return parsed.error.issues.map((issue) => issue.path.join("."));
}

describe("qualityReportSchema", () => {
  const withReport = (report: object) => ({ ...aQualityReport(), ...report });

  it("accepts a project without tests, which is never a pass by itself", () => {
    const report = withReport({ tests: null, gate: { passed: false, reasons: ["no tests ran"] } });
    expect(qualityReportSchema.parse(report).tests).toBeNull();
  });

  it.each([
    [
      "zero tests counted as a run",
      { tests: { passed: 0, failed: 0, skipped: 0, failures: [] } },
      "tests",
    ],
    [
      "more failures listed than failed",
      { tests: { passed: 1, failed: 0, skipped: 0, failures: [{ name: "t", message: "m" }] } },
      "tests.failures",
    ],
    ["a failed gate without reasons", { gate: { passed: false, reasons: [] } }, "gate.reasons"],
    ["coverage over 100", { coverage: { total_pct: 101 } }, "coverage.total_pct"],
    ["negative lint errors", { lint: { errors: -1, warnings: 0 } }, "lint.errors"],
    ["missing vulnerability counts", { vulnerabilities: { critical: 0 } }, "vulnerabilities.high"],
  ])("refuses %s", (_case, report, path) => {
    expect(issuePaths(withReport(report))).toContain(path);
  });

  it("reads omitted coverage as unknown, and keeps unknown counts null", () => {
    const parsed = qualityReportSchema.parse(
      withReport({ coverage: {}, lint: { errors: null, warnings: null } }),
    );
    expect(parsed.coverage).toEqual({ total_pct: null, changed_lines_pct: null });
    expect(parsed.lint).toEqual({ errors: null, warnings: null });
  });
});
