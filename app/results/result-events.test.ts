import { describe, expect, it } from "vitest";
import { aQualityReport, aStageResult } from "../../test/fixtures/stage-result.js";
import { summariseRefusals } from "./check-result.js";
import { resultAcceptedEvent, resultRefusedEvent } from "./result-events.js";

const NOW = "2026-03-01T12:00:00.000Z";

describe("resultAcceptedEvent", () => {
  it("carries the head, cost, gate, verdict and findings of a result", () => {
    const result = aStageResult({
      quality_report: aQualityReport({ gate: { passed: false, reasons: ["coverage 40 %"] } }),
      review: { event: "REQUEST_CHANGES", body: "Tests missing.", comments: [] },
      findings: [
        { severity: "error", message: "no test for login", path: "src/login.ts", line: 4 },
        { severity: "info", message: "consider OAuth" },
      ],
    });
    expect(resultAcceptedEvent(3, result, "d".repeat(40), NOW)).toEqual({
      type: "result_accepted",
      now: NOW,
      runId: 3,
      outcome: "succeeded",
      reason: result.reason,
      usd: 0.0612,
      headSha: "d".repeat(40),
      gatePassed: false,
      reviewVerdict: "request_changes",
      findings: [
        { summary: "no test for login", path: "src/login.ts", line: 4 },
        { summary: "(info) consider OAuth" },
        // A failed gate's reasons travel to the next implement run too.
        { summary: "Quality gate: coverage 40 %" },
      ],
    });
  });

  it("hands a failed gate's failing tests and lint errors forward, each once", () => {
    const failure = {
      name: "sum adds",
      file: "test/sum.test.js",
      line: 6,
      message: "expected -1 to be 3",
    };
    const report = aQualityReport({
      tests: { passed: 1, failed: 1, skipped: 0, failures: [failure] },
      lint: {
        errors: 1,
        warnings: 1,
        problems: [
          { file: "src/sum.js", line: 4, severity: "error", rule: "noSelfAssign", message: "self" },
          { file: "src/sum.js", line: 9, severity: "warning", message: "unused" },
        ],
      },
      gate: { passed: false, reasons: ["1 test failed"] },
    });
    const agentSaid = {
      severity: "error" as const,
      message: 'Failing test "sum adds": expected -1 to be 3',
      path: "test/sum.test.js",
      line: 6,
    };
    const result = aStageResult({ quality_report: report, findings: [agentSaid] });
    expect(resultAcceptedEvent(1, result, undefined, NOW).findings).toEqual([
      {
        summary: 'Failing test "sum adds": expected -1 to be 3',
        path: "test/sum.test.js",
        line: 6,
      },
      { summary: "Lint error (noSelfAssign): self", path: "src/sum.js", line: 4 },
      { summary: "Quality gate: 1 test failed" },
    ]);
  });

  it("counts a run the workspace guard stopped as failed, saying so", () => {
    const result = aStageResult({ outcome: "refused_by_guard", changes: [], reason: "wrote .git" });
    expect(resultAcceptedEvent(1, result, undefined, NOW)).toMatchObject({
      outcome: "failed",
      reason: "the workspace guard stopped the agent: wrote .git",
    });
  });
});

describe("resultRefusedEvent and summariseRefusals", () => {
  it("charge what the run spent and keep the first reasons", () => {
    const reasons = Array.from({ length: 12 }, (_, i) => `Reason ${i}.`);
    const reason = summariseRefusals(reasons);
    expect(reason).toBe(
      `${reasons
        .slice(0, 10)
        .map((r) => r.slice(0, -1))
        .join("; ")}; and 2 more`,
    );
    expect(resultRefusedEvent(2, aStageResult(), reason, NOW)).toEqual({
      type: "result_refused",
      now: NOW,
      runId: 2,
      reason,
      usd: 0.0612,
    });
  });
});
