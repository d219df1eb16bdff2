import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import * as core from "@actions/core";
import { afterAll, afterEach, describe, expect, it } from "vitest";
import type { StageResult } from "../../../contract/stage-result.js";
import {
  type JobSummaryInput,
  renderJobSummary,
  setStageOutputs,
  writeJobSummary,
} from "./job-summary.js";

const spec: JobSummaryInput["spec"] = {
  stage: "implement",
  stage_run_id: 42,
  work_branch: "quantapilot/12-login",
  work_item: {
    kind: "issue",
    number: 12,
    title: "Add a login page",
    url: "https://github.com/acme/shop/issues/12",
  },
};
const result: StageResult = {
  version: 1,
  stage_run_id: 42,
  outcome: "succeeded",
  reason: "Added a login form with tests.",
  changes: [
    { path: "src/login.ts", action: "upsert", mode: "100644", encoding: "utf8", content: "x" },
    { path: "src/old.ts", action: "delete" },
  ],
  commit_message: "implement: Add a login page (#12)",
  pr: { title: "Add a login page", body: "" },
  findings: [],
  usage: [
    {
      provider: "anthropic",
      model: "claude-sonnet-4-5",
      input_tokens: 2_000,
      output_tokens: 800,
      cache_read_tokens: 9_000,
      cache_write_tokens: 1_000,
      usd: 0.0412,
    },
    {
      provider: "openai",
      model: "gpt-4.1",
      input_tokens: 1_000,
      output_tokens: 200,
      cache_read_tokens: 0,
      cache_write_tokens: 0,
      usd: 0.02,
    },
  ],
  prompt_versions: { developer: "3" },
  transcript_digest: "a".repeat(64),
  limits_hit: [],
};
const delivered = { delivered: true as const, status: 202, attempts: 1 };

describe("renderJobSummary", () => {
  it("renders a delivered run, exactly", () => {
    expect(renderJobSummary({ spec, result, report: delivered, durationMs: 252_000 })).toBe(
      [
        "## QuantaPilot · implement · ✅ Succeeded",
        "",
        "Stage run 42 for [#12 Add a login page](https://github.com/acme/shop/issues/12) on <code>quantapilot/12-login</code>",
        "",
        "| | |",
        "|---|---|",
        "| Outcome | Added a login form with tests. |",
        "| Files changed | 2 files (1 deleted) |",
        "| Model | claude-sonnet-4-5 \\(anthropic\\), gpt-4.1 \\(openai\\) |",
        "| Tokens | 3,000 in · 1,000 out · 9,000 cache read · 1,000 cache write (69% of the prompt from cache) |",
        "| Cost | $0.0612 |",
        "| Duration | 4 min 12 s |",
        "| Limits hit | none |",
        "| Result | ✅ delivered to QuantaPilot (HTTP 202) |",
        "",
        "**Next:** QuantaPilot commits 2 files to `quantapilot/12-login` and opens or updates the pull request; the check run shows what comes next.",
        "",
        "<details><summary>Files (2)</summary>",
        "",
        "- <code>src/login.ts</code>",
        "- <code>src/old.ts</code> (deleted)",
        "",
        "</details>",
        "",
      ].join("\n"),
    );
  });

  it("says when the app never got the result, where it is kept, and what to do", () => {
    const summary = renderJobSummary({
      spec,
      result: {
        ...result,
        outcome: "failed",
        reason: "Every model was down.",
        changes: [],
        usage: [],
        limits_hit: ["usd"],
      },
      report: {
        delivered: false,
        attempts: 8,
        reason:
          "The result was not delivered after 8 attempts: the app could not be reached (ECONNREFUSED)",
      },
      durationMs: 3_000,
      artifacts: [
        { uploaded: true, name: "quantapilot-result-42", id: 7 },
        {
          uploaded: false,
          name: "quantapilot-transcript-42",
          reason: "Unable to get the ACTIONS_RUNTIME_TOKEN env variable",
        },
      ],
    });
    expect(summary).toContain("## QuantaPilot · implement · ❌ Failed");
    expect(summary).toContain("| Model | none called |");
    expect(summary).toContain("| Tokens | 0 in · 0 out |");
    expect(summary).toContain("| Limits hit | usd |");
    expect(summary).toContain(
      "| Result | ❌ not delivered: The result was not delivered after 8 attempts: the app could not be reached \\(ECONNREFUSED\\) |",
    );
    expect(summary).toContain("stage run 42 will be closed as failed when this workflow ends");
    expect(summary).toContain("- <code>quantapilot-result-42</code> uploaded");
    expect(summary).toContain(
      "- <code>quantapilot-transcript-42</code> not uploaded: Unable to get the ACTIONS\\_RUNTIME\\_TOKEN env variable",
    );
  });

  it("lists a guard's refusals, the whole-set ones without a path", () => {
    const summary = renderJobSummary({
      spec,
      result: {
        ...result,
        outcome: "refused_by_guard",
        reason: "The change set was refused.",
        changes: [],
      },
      report: delivered,
      durationMs: 1_000,
      refusals: [
        { path: ".github/workflows/x.yml", reason: "protected" },
        { path: "", reason: "The result changes 300 files; limits.result.max_files allows 200." },
      ],
    });
    expect(summary).toContain("## QuantaPilot · implement · 🛑 Refused by the guard");
    expect(summary).toContain(
      "<details><summary>Refused (2)</summary>\n\n- <code>.github/workflows/x.yml</code>: protected\n- The result changes 300 files; limits.result.max\\_files allows 200.",
    );
    expect(summary).toContain("**Next:** Nothing will be written");
  });

  it("keeps hostile agent text from forging markup, a row or a mention", () => {
    const reason =
      "done | <img src=x onerror=alert(1)> [click](https://evil) @admin\n| Cost | $0 |";
    const summary = renderJobSummary({
      spec,
      result: { ...result, reason },
      report: delivered,
      durationMs: 0,
    });
    const row = summary.split("\n").find((line) => line.startsWith("| Outcome"));
    expect(row).toBe(
      "| Outcome | done \\| \\<img src=x onerror=alert\\(1\\)\\> \\[click\\]\\(https://evil\\) \\@admin \\| Cost \\| $0 \\| |",
    );
    expect(summary.match(/^\| Cost/gm)).toHaveLength(1);
  });

  it("names a duplicate delivery and an app refusal", () => {
    const duplicate = renderJobSummary({
      spec,
      result,
      report: { delivered: true, status: 409, attempts: 2, duplicate: true },
      durationMs: 0,
    });
    expect(duplicate).toContain("(HTTP 409, on a retry after a lost answer)");
    const refused = renderJobSummary({
      spec,
      result,
      report: {
        delivered: false,
        status: 422,
        attempts: 1,
        reason: "The app refused the result. x",
      },
      durationMs: 0,
    });
    expect(refused).toContain("**Next:** The app refused the result for the reasons above");
  });
});

describe("writeJobSummary and setStageOutputs through @actions/core", () => {
  const dir = mkdtempSync(join(tmpdir(), "qp-summary-"));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  afterEach(() => {
    delete process.env.GITHUB_STEP_SUMMARY;
    delete process.env.GITHUB_OUTPUT;
  });

  it("appends the markdown to GITHUB_STEP_SUMMARY", async () => {
    const file = join(dir, "summary.md");
    writeFileSync(file, "earlier step\n");
    process.env.GITHUB_STEP_SUMMARY = file;
    await writeJobSummary("## hello\n", core.summary.emptyBuffer());
    expect(readFileSync(file, "utf8")).toBe("earlier step\n## hello\n\n");
  });

  it("sets the five outputs in GITHUB_OUTPUT", () => {
    const file = join(dir, "output");
    writeFileSync(file, "");
    process.env.GITHUB_OUTPUT = file;
    setStageOutputs({ result, report: delivered });
    const text = readFileSync(file, "utf8");
    const outputs = Object.fromEntries(
      [...text.matchAll(/^(\S+)<<(\S+)\n([\s\S]*?)\n\2$/gm)].map((m) => [m[1], m[3]]),
    );
    expect(outputs).toEqual({
      outcome: "succeeded",
      "stage-run-id": "42",
      "files-changed": "2",
      usd: "0.0612",
      "result-delivered": "true",
    });
  });
});
