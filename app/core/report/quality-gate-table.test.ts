import { describe, expect, it } from "vitest";
import { aQualityReport, aStageResult } from "../../../test/fixtures/stage-result.js";
import { renderCheckRunDetails } from "./check-run-details.js";
import { renderQualityGateTable } from "./quality-gate-table.js";

const gate = {
  passed: false,
  reasons: ["1 test failed"],
  rules: [
    {
      rule: "Tests pass",
      threshold: "all pass, at least one",
      figure: "1 passed, 1 failed, 0 skipped",
      verdict: "fail" as const,
    },
    { rule: "Coverage", threshold: "≥ 80%", figure: "91.5%", verdict: "pass" as const },
  ],
};

describe("renderQualityGateTable", () => {
  it("shows each rule with its threshold, figure and verdict", () => {
    expect(renderQualityGateTable(gate)).toEqual([
      "| Rule | Threshold | Figure | Verdict |",
      "|---|---|---|---|",
      "| Tests pass | all pass, at least one | 1 passed, 1 failed, 0 skipped | ❌ fail |",
      "| Coverage | ≥ 80% | 91.5% | ✅ pass |",
      "",
    ]);
  });

  it("escapes figures so a runner cannot forge cells or links", () => {
    const hostile = {
      ...gate,
      rules: [{ ...gate.rules[1], figure: "1% | [x](http://evil)" } as (typeof gate.rules)[number]],
    };
    expect(renderQualityGateTable(hostile)[2]).toBe(
      "| Coverage | ≥ 80% | 1% \\| \\[x\\]\\(http://evil\\) | ✅ pass |",
    );
  });

  it("renders nothing for a report from before rules were listed", () => {
    expect(renderQualityGateTable({ passed: true, reasons: [] })).toEqual([]);
  });

  it("puts the table and the lint errors in the check run's details", () => {
    const report = aQualityReport({
      lint: {
        errors: 1,
        warnings: 0,
        problems: [
          {
            file: "src/a.js",
            line: 4,
            severity: "error",
            rule: "noSelfAssign",
            message: "x is assigned to itself.",
          },
        ],
      },
      gate,
    });
    const text = renderCheckRunDetails(aStageResult({ quality_report: report }));
    expect(text).toContain(
      "| Tests pass | all pass, at least one | 1 passed, 1 failed, 0 skipped | ❌ fail |",
    );
    expect(text).toContain("- Lint error src/a.js:4 (noSelfAssign): x is assigned to itself.");
  });
});
