import { describe, expect, it } from "vitest";
import { qualitySchema } from "./config/quality.js";
import { evaluateQualityGate } from "./quality-gate.js";
import type { QualityMeasurement } from "./quality-report.js";

const defaults = qualitySchema.parse({});

const good: QualityMeasurement = {
  tests: { passed: 10, failed: 0, skipped: 1, failures: [] },
  coverage: { total_pct: 91.5, changed_lines_pct: 80 },
  lint: { errors: 0, warnings: 3 },
  vulnerabilities: { critical: 0, high: 0, moderate: 4, low: 9 },
  docs_changed_with_code: false,
};

const withFigures = (patch: Partial<QualityMeasurement>): QualityMeasurement => ({
  ...good,
  ...patch,
});

describe("evaluateQualityGate", () => {
  it("passes good figures against the defaults, listing every rule with its figure", () => {
    expect(evaluateQualityGate(good, defaults)).toEqual({
      passed: true,
      reasons: [],
      rules: [
        {
          rule: "Tests pass",
          threshold: "all pass, at least one",
          figure: "10 passed, 0 failed, 1 skipped",
          verdict: "pass",
        },
        { rule: "Coverage", threshold: "≥ 80%", figure: "91.5%", verdict: "pass" },
        { rule: "Changed lines coverage", threshold: "≥ 70%", figure: "80%", verdict: "pass" },
        { rule: "Lint errors", threshold: "≤ 0", figure: "0", verdict: "pass" },
        { rule: "Critical vulnerabilities", threshold: "≤ 0", figure: "0", verdict: "pass" },
        { rule: "High vulnerabilities", threshold: "≤ 0", figure: "0", verdict: "pass" },
      ],
    });
  });

  it.each<[string, Partial<QualityMeasurement>, object, string[]]>([
    [
      "a failing test",
      { tests: { passed: 3, failed: 2, skipped: 0, failures: [] } },
      {},
      ["2 tests failed"],
    ],
    [
      "no tests, with the reason they are missing",
      { tests: null, unmeasured: { tests: "vitest found no tests" } },
      {},
      ["Tests not measured: vitest found no tests"],
    ],
    [
      "no tests, reason unknown",
      { tests: null },
      {},
      ["Tests not measured: the project has no tests"],
    ],
    [
      "only skipped tests",
      { tests: { passed: 0, failed: 0, skipped: 4, failures: [] } },
      {},
      ["no test passed (all were skipped)"],
    ],
    [
      "coverage under the minimum",
      { coverage: { total_pct: 79.99, changed_lines_pct: 90 } },
      {},
      ["Coverage is 79.99%, below the 80% required"],
    ],
    [
      "coverage exactly at the minimum",
      { coverage: { total_pct: 80, changed_lines_pct: 70 } },
      {},
      [],
    ],
    [
      "coverage not measured, naming the missing tool",
      {
        coverage: { total_pct: null, changed_lines_pct: null },
        unmeasured: { coverage: "pytest-cov is not installed" },
      },
      {},
      [
        "Coverage not measured: pytest-cov is not installed",
        "Changed lines coverage not measured: pytest-cov is not installed",
      ],
    ],
    [
      "changed lines under their minimum",
      { coverage: { total_pct: 95, changed_lines_pct: 40 } },
      {},
      ["Changed lines coverage is 40%, below the 70% required"],
    ],
    [
      "a raised coverage minimum",
      {},
      { min_coverage: 95 },
      ["Coverage is 91.5%, below the 95% required"],
    ],
    [
      "coverage rules switched off at 0%",
      { coverage: { total_pct: null, changed_lines_pct: null } },
      { min_coverage: 0, min_changed_lines_coverage: 0 },
      [],
    ],
    [
      "one lint error",
      { lint: { errors: 1, warnings: 0 } },
      {},
      ["1 lint error, more than the 0 allowed"],
    ],
    [
      "lint errors within a raised cap",
      { lint: { errors: 5, warnings: 0 } },
      { max_lint_errors: 5 },
      [],
    ],
    [
      "lint not measured",
      { lint: { errors: null, warnings: null }, unmeasured: { lint: "no linter found" } },
      {},
      ["Lint errors not measured: no linter found"],
    ],
    [
      "a high vulnerability",
      { vulnerabilities: { critical: 0, high: 1, moderate: 0, low: 0 } },
      {},
      ["1 high vulnerability, more than the 0 allowed"],
    ],
    [
      "critical vulnerabilities",
      { vulnerabilities: { critical: 3, high: 0, moderate: 0, low: 0 } },
      {},
      ["3 critical vulnerabilities, more than the 0 allowed"],
    ],
    [
      "moderate ones over a configured cap",
      {},
      { max_vulnerabilities: { moderate: 2 } },
      ["4 moderate vulnerabilities, more than the 2 allowed"],
    ],
    [
      "an unmeasured audit",
      {
        vulnerabilities: { critical: null, high: null, moderate: null, low: null },
        unmeasured: { vulnerabilities: "`pip-audit` is not installed" },
      },
      {},
      [
        "Critical vulnerabilities not measured: `pip-audit` is not installed",
        "High vulnerabilities not measured: `pip-audit` is not installed",
      ],
    ],
    [
      "an unmeasured audit with no caps",
      { vulnerabilities: { critical: null, high: null, moderate: null, low: null } },
      { max_vulnerabilities: { critical: null, high: null } },
      [],
    ],
    [
      "code without docs when docs are required",
      {},
      { require_docs_with_code: true },
      ["code changed without a documentation change"],
    ],
    [
      "code with docs when docs are required",
      { docs_changed_with_code: true },
      { require_docs_with_code: true },
      [],
    ],
  ])("%s", (_case, figures, config, reasons) => {
    const verdict = evaluateQualityGate(withFigures(figures), qualitySchema.parse(config));
    expect(verdict.reasons).toEqual(reasons);
    expect(verdict.passed).toBe(reasons.length === 0);
    expect(verdict.rules.filter((r) => r.verdict === "fail")).toHaveLength(reasons.length);
  });

  it("adds a docs row only when docs are required", () => {
    const rules = evaluateQualityGate(
      good,
      qualitySchema.parse({ require_docs_with_code: true }),
    ).rules;
    expect(rules.at(-1)).toEqual({
      rule: "Docs changed with code",
      threshold: "required",
      figure: "no",
      verdict: "fail",
    });
    expect(evaluateQualityGate(good, defaults).rules.map((r) => r.rule)).not.toContain(
      "Docs changed with code",
    );
  });

  it("cuts a hostile, very long reason to the report's limit", () => {
    const verdict = evaluateQualityGate(
      withFigures({ tests: null, unmeasured: { tests: "x".repeat(5_000) } }),
      defaults,
    );
    expect(verdict.reasons[0]).toHaveLength(1_000);
  });
});
