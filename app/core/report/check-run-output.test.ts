import { describe, expect, it } from "vitest";
import { aQualityReport, aStageResult } from "../../../test/fixtures/stage-result.js";
import type { CheckConclusion } from "../pipeline/effects.js";
import {
  type CheckRunReport,
  renderCompletedOutput,
  renderQueuedOutput,
  renderStartedOutput,
} from "./check-run-output.js";

const report = (patch: Partial<CheckRunReport> = {}): CheckRunReport => ({
  stage: "test",
  runNumber: 3,
  iteration: 1,
  conclusion: "failure",
  headline: "The quality gate failed (1 finding). The implement stage is next.",
  result: aStageResult({
    reason: "Ran 12 tests; one fails.",
    changes: [
      { path: "test/login.test.ts", action: "upsert", encoding: "utf8", content: "x" },
      { path: "test/old.test.ts", action: "delete" },
    ],
    quality_report: aQualityReport({
      tests: {
        passed: 11,
        failed: 1,
        skipped: 0,
        failures: [
          {
            name: "logs in",
            file: "test/login.test.ts",
            line: 12,
            message: "expected 200, got 500",
          },
        ],
      },
      gate: { passed: false, reasons: ["1 test fails"] },
    }),
    findings: [
      { severity: "error", message: "POST /login answers 500", path: "src/login.ts", line: 4 },
    ],
    limits_hit: ["max_turns"],
  }),
  usdSpent: 0.0612,
  usdCap: 5,
  durationMs: 252_000,
  ...patch,
});

describe("renderCompletedOutput", () => {
  it("puts verdict, next step and the facts in the summary, the rest in the text", () => {
    const output = renderCompletedOutput(report());
    expect(output.title).toBe("Failed: Ran 12 tests; one fails.");
    expect(output.summary).toMatchInlineSnapshot(`
      "### ❌ Failed

      The quality gate failed \\(1 finding\\). The implement stage is next.

      | | |
      |---|---|
      | What was done | Ran 12 tests; one fails. |
      | Files changed | 2 files (1 deleted) |
      | Model | claude-sonnet-4-5 \\(anthropic\\) |
      | Tokens | 12,000 in · 800 out · 9,000 cache read · 3,000 cache write |
      | Tests | 11 passed · 1 failed · 0 skipped · coverage 85% · gate failed |
      | Findings | 1 finding, listed below |
      | Limits hit | max_turns |
      | Cost | $0.0612 of a $5.00 cap |
      | Duration | 4 min 12 s |

      <sub>Run 3 of this work item · rework round 1</sub>"
    `);
    expect(output.text).toMatchInlineSnapshot(`
      "### Files changed

      - test/login.test.ts (written)
      - test/old.test.ts (deleted)

      ### Findings

      - **error** src/login.ts:4: POST /login answers 500

      ### Quality

      - The quality gate failed:
        - 1 test fails
      - Failing test logs in (test/login.test.ts:12): expected 200, got 500

      ### Usage

      | Provider | Model | Input | Output | Cache read | Cache write | Cost |
      |---|---|--:|--:|--:|--:|--:|
      | anthropic | claude-sonnet-4-5 | 12,000 | 800 | 9,000 | 3,000 | $0.0612 |

      ### Provenance

      - Prompt developer: version 3
      - Transcript digest (sha256): aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa"
    `);
  });

  it("reports a run without a result from what the app knows", () => {
    const output = renderCompletedOutput(
      report({
        conclusion: "timed_out",
        result: null,
        durationMs: null,
        usdSpent: 0,
        headline: "The test run ended without a result: it ran past 30 minutes.",
      }),
    );
    expect(output).toMatchInlineSnapshot(`
      {
        "summary": "### ⏱️ Timed out

      The test run ended without a result: it ran past 30 minutes.

      | | |
      |---|---|
      | Result | none received |
      | Cost | $0.00 of a $5.00 cap |
      | Duration | the job never started |

      <sub>Run 3 of this work item · rework round 1</sub>",
        "text": "",
        "title": "Timed out: The test run ended without a result: it ran past 30 minutes.",
      }
    `);
  });

  it.each<[CheckConclusion, string]>([
    ["success", "### ✅ Succeeded"],
    ["failure", "### ❌ Failed"],
    ["neutral", "### ⚪ Nothing to use"],
    ["action_required", "### ✋ Action required"],
    ["cancelled", "### ⏹️ Cancelled"],
    ["timed_out", "### ⏱️ Timed out"],
  ])("shows %s as %s, never as anything greener", (conclusion, heading) => {
    expect(renderCompletedOutput(report({ conclusion })).summary.split("\n")[0]).toBe(heading);
  });

  it("titles a run without a result by what happened, not by what comes next", () => {
    const headline = "The review stage succeeded. Waiting for approval of review at aaaaaaa.";
    const output = renderCompletedOutput(report({ conclusion: "success", result: null, headline }));
    expect(output.title).toBe("Succeeded: The review stage succeeded.");
  });

  it("escapes what the agent wrote, so it cannot forge links or table cells", () => {
    const hostile = aStageResult({ reason: "done | [click](https://evil.example) <img src=x>" });
    const { summary } = renderCompletedOutput(report({ result: hostile }));
    expect(summary).toContain(
      "| What was done | done \\| \\[click\\]\\(https://evil.example\\) \\<img src=x\\> |",
    );
  });

  it("cuts a summary and a text that GitHub would refuse, saying so", () => {
    const huge = aStageResult({
      findings: Array.from({ length: 200 }, (_, i) => ({
        severity: "info" as const,
        message: "m".repeat(1_000),
        path: `f${i}`,
        line: 1,
      })),
    });
    const output = renderCompletedOutput(report({ result: huge, headline: "h".repeat(70_000) }));
    expect(output.text).toHaveLength(65_535);
    expect(output.summary.length).toBeLessThanOrEqual(65_535);
    expect(output.title.length).toBeLessThanOrEqual(200);
  });
});

describe("queued and running", () => {
  it("says what is happening and links the job log when known", () => {
    expect(renderQueuedOutput("plan").summary).toBe(
      "The plan stage is queued: a GitHub Actions job will pick it up shortly.",
    );
    expect(renderStartedOutput("plan", "https://github.com/o/r/actions/runs/9").summary).toBe(
      "The plan stage is running. Follow it in the [job log](https://github.com/o/r/actions/runs/9).",
    );
    expect(renderStartedOutput("plan", null).summary).toBe("The plan stage is running.");
  });
});
