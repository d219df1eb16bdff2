import { describe, expect, it } from "vitest";
import { aQualityReport, aStageResult } from "../test/fixtures/stage-result.js";
import { stageResultSchema } from "./stage-result.js";

function issuePaths(value: unknown): string[] {
  const parsed = stageResultSchema.safeParse(value);
  if (parsed.success) throw new Error("expected the result to be refused");
  return parsed.error.issues.map((issue) => issue.path.join("."));
}

const result = aStageResult();
const upsert = { path: "a.txt", action: "upsert", encoding: "utf8", content: "x" };
const review = { event: "COMMENT", body: "Looks fine.", comments: [] };
const comment = { path: "src/a.ts", line: 3, body: "Name this better." };

describe("stageResultSchema", () => {
  it.each([
    ["a succeeded result with changes", result],
    [
      "a result with no changes",
      aStageResult({
        outcome: "no_changes",
        changes: [],
        commit_message: "",
        pr: { title: "", body: "" },
      }),
    ],
    [
      "a failed result",
      aStageResult({ outcome: "failed", reason: "Every provider was down.", changes: [] }),
    ],
    ["a deletion", aStageResult({ changes: [{ path: "old.ts", action: "delete" }] })],
    [
      "a base64 executable",
      aStageResult({
        changes: [
          { ...upsert, mode: "100755", encoding: "base64", content: "IyEvYmluL3No" },
        ] as never,
      }),
    ],
    [
      "a review with 50 comments",
      { ...result, review: { ...review, comments: Array(50).fill(comment) } },
    ],
    [
      "an approval without a body",
      { ...result, review: { event: "APPROVE", body: "", comments: [] } },
    ],
    ["a quality report", { ...result, quality_report: aQualityReport() }],
    [
      "a project without tests",
      {
        ...result,
        quality_report: aQualityReport({
          tests: null,
          gate: { passed: false, reasons: ["no tests"] },
        }),
      },
    ],
    ["limits hit", { ...result, limits_hit: ["turns", "usd"] }],
  ])("accepts %s", (_case, value) => {
    expect(stageResultSchema.safeParse(value).error?.issues).toBeUndefined();
  });

  it.each([
    ["version 2", { ...result, version: 2 }, "version"],
    ["an unknown outcome", { ...result, outcome: "partial" }, "outcome"],
    ["a two-line reason", { ...result, reason: "one\ntwo" }, "reason"],
    ["a reason over 300 characters", { ...result, reason: "r".repeat(301) }, "reason"],
    ["an empty reason", { ...result, reason: "" }, "reason"],
    [
      "an upsert without content",
      { ...result, changes: [{ ...upsert, content: undefined }] },
      "changes.0.content",
    ],
    [
      "a delete with content",
      { ...result, changes: [{ path: "a", action: "delete", content: "x" }] },
      "changes.0.content",
    ],
    [
      "an unknown action",
      { ...result, changes: [{ ...upsert, action: "rename" }] },
      "changes.0.action",
    ],
    ["an unknown mode", { ...result, changes: [{ ...upsert, mode: "100777" }] }, "changes.0.mode"],
    ["a submodule mode", { ...result, changes: [{ ...upsert, mode: "160000" }] }, "changes.0.mode"],
    [
      "invalid base64",
      { ...result, changes: [{ ...upsert, encoding: "base64", content: "not base64!" }] },
      "changes.0.content",
    ],
    ["an empty path", { ...result, changes: [{ ...upsert, path: "" }] }, "changes.0.path"],
    ["changes on a failed run", { ...result, outcome: "failed" }, "changes"],
    ["changes without a commit message", { ...result, commit_message: " " }, "commit_message"],
    ["changes without a PR title", { ...result, pr: { title: "", body: "" } }, "pr.title"],
    [
      "a PR title over 256 characters",
      { ...result, pr: { title: "t".repeat(257), body: "" } },
      "pr.title",
    ],
    [
      "a PR body over 60,000 characters",
      { ...result, pr: { title: "t", body: "b".repeat(60_001) } },
      "pr.body",
    ],
    [
      "an unknown review event",
      { ...result, review: { ...review, event: "DISMISS" } },
      "review.event",
    ],
    [
      "a review requesting changes without a body",
      { ...result, review: { ...review, event: "REQUEST_CHANGES", body: "" } },
      "review.body",
    ],
    [
      "51 review comments",
      { ...result, review: { ...review, comments: Array(51).fill(comment) } },
      "review.comments",
    ],
    [
      "a review comment on line 0",
      { ...result, review: { ...review, comments: [{ ...comment, line: 0 }] } },
      "review.comments.0.line",
    ],
    [
      "a review comment on side BOTH",
      { ...result, review: { ...review, comments: [{ ...comment, side: "BOTH" }] } },
      "review.comments.0.side",
    ],
    [
      "negative tokens",
      { ...result, usage: [{ ...result.usage[0], input_tokens: -1 }] },
      "usage.0.input_tokens",
    ],
    [
      "an unknown provider",
      { ...result, usage: [{ ...result.usage[0], provider: "acme" }] },
      "usage.0.provider",
    ],
    ["a short digest", { ...result, transcript_digest: "abc" }, "transcript_digest"],
    ["an upper-case digest", { ...result, transcript_digest: "A".repeat(64) }, "transcript_digest"],
    [
      "a finding without message",
      { ...result, findings: [{ severity: "error" }] },
      "findings.0.message",
    ],
    ["an unknown key", { ...result, push: true }, ""],
  ])("refuses %s, naming the path", (_case, value, path) => {
    expect(issuePaths(value)).toContain(path);
  });
});
