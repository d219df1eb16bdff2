import { describe, expect, it } from "vitest";
import type { StageResult } from "./stage-result.js";
import { summariseUsage } from "./summarise-usage.js";

type UsageLine = StageResult["usage"][number];

function line(overrides: Partial<UsageLine>): UsageLine {
  return {
    provider: "anthropic",
    model: "claude-sonnet-4-5",
    input_tokens: 0,
    output_tokens: 0,
    cache_read_tokens: 0,
    cache_write_tokens: 0,
    usd: 0,
    ...overrides,
  };
}

describe("summariseUsage", () => {
  it("sums every kind of token and names each model once, with its provider, in order of first use", () => {
    const totals = summariseUsage([
      line({ input_tokens: 10, output_tokens: 2, cache_read_tokens: 5, cache_write_tokens: 1 }),
      line({ provider: "openai", model: "gpt-4.1", input_tokens: 3, output_tokens: 4 }),
      line({ input_tokens: 7, cache_write_tokens: 9 }),
    ]);
    expect(totals).toEqual({
      models: ["claude-sonnet-4-5 (anthropic)", "gpt-4.1 (openai)"],
      inputTokens: 20,
      outputTokens: 6,
      cacheReadTokens: 5,
      cacheWriteTokens: 10,
      usd: 0,
    });
  });

  it("tells the same model behind two providers apart", () => {
    const totals = summariseUsage([
      line({ provider: "openai", model: "gpt-4.1" }),
      line({ provider: "openai-compatible", model: "gpt-4.1" }),
    ]);
    expect(totals.models).toEqual(["gpt-4.1 (openai)", "gpt-4.1 (openai-compatible)"]);
  });

  it("adds dollars to the micro-dollar, without binary drift", () => {
    const tenths = Array.from({ length: 10 }, () => line({ usd: 0.1 }));
    expect(summariseUsage([line({ usd: 0.1 }), line({ usd: 0.2 })]).usd).toBe(0.3);
    expect(summariseUsage(tenths).usd).toBe(1);
  });

  it("is all zeros with no model for a run that called none", () => {
    expect(summariseUsage([])).toEqual({
      models: [],
      inputTokens: 0,
      outputTokens: 0,
      cacheReadTokens: 0,
      cacheWriteTokens: 0,
      usd: 0,
    });
  });
});
