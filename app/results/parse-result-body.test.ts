import { describe, expect, it } from "vitest";
import { aStageResult } from "../../test/fixtures/stage-result.js";
import { parseResultBody } from "./parse-result-body.js";

const refusal = (text: string, id = 42) => {
  const parsed = parseResultBody(text, id);
  if (parsed.ok) throw new Error("expected a refusal");
  return parsed.answer;
};

describe("parseResultBody", () => {
  it("returns a valid result for its run", () => {
    const result = aStageResult();
    expect(parseResultBody(JSON.stringify(result), 42)).toEqual({ ok: true, value: result });
  });

  it("reports only the version for a result from a newer action", () => {
    const answer = refusal(JSON.stringify({ version: 2, whatever: true }));
    expect(answer.body.errors).toEqual([
      { path: "version", message: "unsupported version: this QuantaPilot reads version 1" },
    ]);
  });

  it("caps how many errors it lists", () => {
    const changes = Array.from({ length: 300 }, () => ({ path: "", action: "upsert" }));
    const answer = refusal(JSON.stringify({ ...aStageResult(), changes }));
    expect(answer.status).toBe(400);
    expect(answer.body.errors).toHaveLength(50);
  });

  it("refuses usage costing more than can be recorded", () => {
    const usage = Array(2).fill({ ...aStageResult().usage[0], usd: 600_000 });
    expect(refusal(JSON.stringify(aStageResult({ usage })))).toMatchObject({
      status: 400,
      body: { errors: [{ path: "usage", message: "totals more USD than can be recorded" }] },
    });
  });

  it("refuses NUL characters, which Postgres cannot store, naming each field", () => {
    const changes = [
      {
        path: "src/a\u0000.ts",
        action: "upsert" as const,
        encoding: "utf8" as const,
        content: "x",
      },
    ];
    const answer = refusal(JSON.stringify(aStageResult({ changes })));
    expect(answer).toMatchObject({
      status: 400,
      body: { errors: [{ path: "changes.0.path", message: expect.stringMatching(/NUL/) }] },
    });
  });

  it("refuses a result sent to another run's URL", () => {
    expect(refusal(JSON.stringify(aStageResult()), 43).status).toBe(400);
  });
});
