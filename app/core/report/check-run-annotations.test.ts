import { describe, expect, it } from "vitest";
import { aQualityReport, aStageResult } from "../../../test/fixtures/stage-result.js";
import { toAnnotations } from "./check-run-annotations.js";

describe("toAnnotations", () => {
  it("marks located findings at their level and failing tests as failures; skips the rest", () => {
    const result = aStageResult({
      findings: [
        { severity: "error", message: "null deref", path: "src/a.ts", line: 3 },
        { severity: "warning", message: "slow", path: "src/b.ts", line: 9 },
        { severity: "info", message: "nit", path: "src/c.ts", line: 1 },
        { severity: "error", message: "no place", path: "src/d.ts" },
        { severity: "error", message: "nowhere" },
      ],
      quality_report: aQualityReport({
        tests: {
          passed: 1,
          failed: 2,
          skipped: 0,
          failures: [
            { name: "logs in", file: "test/login.test.ts", line: 12, message: "expected 200" },
            { name: "somewhere", message: "boom" },
          ],
        },
      }),
    });
    expect(toAnnotations(result)).toEqual([
      {
        path: "src/a.ts",
        start_line: 3,
        end_line: 3,
        annotation_level: "failure",
        message: "null deref",
      },
      {
        path: "src/b.ts",
        start_line: 9,
        end_line: 9,
        annotation_level: "warning",
        message: "slow",
      },
      { path: "src/c.ts", start_line: 1, end_line: 1, annotation_level: "notice", message: "nit" },
      {
        path: "test/login.test.ts",
        start_line: 12,
        end_line: 12,
        annotation_level: "failure",
        message: "expected 200",
        title: "logs in",
      },
    ]);
  });

  it("marks lint problems with a line, once per line a finding has not marked already", () => {
    const result = aStageResult({
      findings: [
        { severity: "error", message: "agent says: self-assign", path: "src/a.js", line: 4 },
      ],
      quality_report: aQualityReport({
        lint: {
          errors: 2,
          warnings: 1,
          problems: [
            { file: "src/a.js", line: 4, severity: "error", rule: "noSelfAssign", message: "self" },
            {
              file: "src/b.js",
              line: 7,
              severity: "error",
              rule: "noDebugger",
              message: "debugger",
            },
            { file: "src/b.js", line: 9, severity: "warning", message: "unused" },
            { file: "src/c.js", severity: "error", message: "somewhere" },
          ],
        },
      }),
    });
    expect(toAnnotations(result).slice(1)).toEqual([
      {
        path: "src/b.js",
        start_line: 7,
        end_line: 7,
        annotation_level: "failure",
        message: "debugger",
        title: "noDebugger",
      },
      {
        path: "src/b.js",
        start_line: 9,
        end_line: 9,
        annotation_level: "warning",
        message: "unused",
      },
    ]);
  });

  it("has none without a result, and keeps each message short enough to read", () => {
    expect(toAnnotations(null)).toEqual([]);
    const long = aStageResult({
      findings: [{ severity: "error", message: "x".repeat(10_000), path: "a", line: 1 }],
    });
    expect(toAnnotations(long)[0]?.message).toHaveLength(4_000);
  });
});
