import { describe, expect, it } from "vitest";
import { stageResultSchema } from "../../contract/stage-result.js";
import { aQualityReport, aStageResult } from "../../test/fixtures/stage-result.js";
import { findResultSecrets, redactResultSecrets } from "./result-secrets.js";

const GHP = `ghp_${"A1b2C3d4E5".repeat(4)}`;
const AWS = "AKIAIOSFODNN7EXAMPLE";

describe("findResultSecrets", () => {
  it("names every field outside file contents that carries a secret, never the value", () => {
    const result = aStageResult({
      commit_message: `Add login\n\nkey ${AWS}`,
      pr: { title: `Login ${GHP}`, body: "fine" },
      review: { event: "COMMENT", body: `see ${GHP}`, comments: [] },
      findings: [{ severity: "error", message: `leaked ${AWS}` }],
      quality_report: aQualityReport({ gate: { passed: false, reasons: [`token ${GHP}`] } }),
      changes: [{ path: "a.txt", action: "upsert", encoding: "utf8", content: GHP }],
    });
    const found = findResultSecrets(result);
    expect(found.map((f) => f.split(" ")[0]).sort()).toEqual([
      "commit_message",
      "findings.0.message",
      "pr.title",
      "quality_report.gate.reasons.0",
      "review.body",
    ]);
    expect(found.join("\n")).not.toContain(GHP);
    expect(found[1]).toMatch(/a GitHub token/);
  });

  it("finds nothing in a clean result", () => {
    expect(findResultSecrets(aStageResult())).toEqual([]);
  });
});

describe("redactResultSecrets", () => {
  it("masks secrets everywhere, base64 contents included, keeping the result valid", () => {
    const binary = Buffer.from(`\u0000\u0001${GHP}\u0002`, "latin1").toString("base64");
    const result = aStageResult({
      pr: { title: "Login", body: `uses ${GHP} here` },
      changes: [
        { path: "a.txt", action: "upsert", encoding: "utf8", content: `x=${AWS}\n` },
        { path: "b.bin", action: "upsert", encoding: "base64", content: binary },
      ],
    });
    const redacted = redactResultSecrets(result);
    expect(redacted.pr.body).toBe(`uses ${"*".repeat(GHP.length)} here`);
    expect(redacted.changes[0]).toMatchObject({ content: `x=${"*".repeat(AWS.length)}\n` });
    const bytes = Buffer.from((redacted.changes[1] as { content: string }).content, "base64");
    expect(bytes.toString("latin1")).toBe(`\u0000\u0001${"*".repeat(GHP.length)}\u0002`);
    expect(stageResultSchema.safeParse(redacted).success).toBe(true);
  });

  it("leaves a clean result as it was", () => {
    const result = aStageResult();
    expect(redactResultSecrets(result)).toEqual(result);
  });
});
