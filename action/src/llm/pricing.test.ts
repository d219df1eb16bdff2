import { describe, expect, it } from "vitest";
import { configSchema, MODEL_TIERS, TIER_CHAINS } from "../../../contract/config.js";
import { baseModelId, lookupPrice, maxPrice, PRICE_TABLE, priceUsage } from "./pricing.js";

const usage = (input: number, output: number, cacheRead = 0, cacheWrite = 0) => ({
  inputTokens: input,
  outputTokens: output,
  cacheReadTokens: cacheRead,
  cacheWriteTokens: cacheWrite,
});

describe("the price table", () => {
  it("is valid as `pricing` in the repo config, so overrides and table share one shape", () => {
    const { pricing } = configSchema.parse({ pricing: PRICE_TABLE });
    expect(pricing).toEqual(PRICE_TABLE);
  });

  it("prices every model of the default tier chains", () => {
    const models = MODEL_TIERS.flatMap((tier) => TIER_CHAINS[tier].map((e) => e.model));
    for (const model of models) expect(lookupPrice(model).source, model).toBe("table");
  });
});

describe("priceUsage", () => {
  it("prices each kind of token at its own rate", () => {
    // claude-sonnet-4-5: $3 in, $15 out, $0.30 cache read, $3.75 cache write per million.
    const priced = priceUsage(usage(1_000, 2_000, 100_000, 10_000), "claude-sonnet-4-5");
    expect(priced.priced).toBe(true);
    expect(priced.source).toBe("table");
    expect(priced.usd).toBeCloseTo(0.003 + 0.03 + 0.03 + 0.0375, 10);
  });

  it("prices a dated snapshot or -latest alias as its base model", () => {
    expect(baseModelId("claude-sonnet-4-5-20250929")).toBe("claude-sonnet-4-5");
    expect(baseModelId("gpt-4.1-2025-04-14")).toBe("gpt-4.1");
    expect(baseModelId("claude-3-5-haiku-latest")).toBe("claude-3-5-haiku");
    expect(priceUsage(usage(1_000_000, 0), "gpt-4.1-2025-04-14").usd).toBe(2);
  });

  it("keeps an exact table entry for a snapshot priced unlike its base", () => {
    expect(priceUsage(usage(1_000_000, 0), "gpt-4o-2024-05-13").usd).toBe(5);
  });

  it("lets the config override the table, cache prices defaulting to the input price", () => {
    const { pricing } = configSchema.parse({
      pricing: { "gpt-4.1": { input: 1, output: 4 }, "llama3.1:8b": { input: 0.1, output: 0.1 } },
    });
    expect(priceUsage(usage(1_000_000, 1_000_000, 1_000_000), "gpt-4.1", pricing)).toEqual({
      usd: 6,
      priced: true,
      source: "config",
    });
    expect(priceUsage(usage(2_000_000, 0), "llama3.1:8b", pricing).usd).toBeCloseTo(0.2, 10);
  });

  it("prices an unknown model at zero and says it is not priced", () => {
    expect(priceUsage(usage(5_000, 500), "qwen2.5-coder:32b")).toEqual({
      usd: 0,
      priced: false,
      source: "unknown",
    });
  });
});

describe("maxPrice", () => {
  it("takes the highest rate of each kind across a chain, unknown models counting zero", () => {
    expect(maxPrice(["claude-haiku-4-5", "gpt-4.1", "llama3.1:8b"])).toEqual({
      input: 2,
      output: 8,
      cache_read: 0.5,
      cache_write: 2,
    });
    expect(maxPrice([])).toEqual({ input: 0, output: 0, cache_read: 0, cache_write: 0 });
  });
});
