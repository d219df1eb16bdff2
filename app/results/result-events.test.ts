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
      ],
    });
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
