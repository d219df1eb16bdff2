import type { QuantaPilotConfig } from "../../../contract/config.js";
import table from "./prices.json" with { type: "json" };
import type { Usage } from "./types.js";

/** Price overrides from the repo config (`pricing`), cache prices already filled in. */
export type PriceOverrides = QuantaPilotConfig["pricing"];

/** USD per million tokens of each kind, for one model. */
export type ModelPrice = PriceOverrides[string];

/** The committed price table, by model id. */
export const PRICE_TABLE: Readonly<Record<string, ModelPrice>> = table.models;

/** Where a model's price came from; `unknown` prices it at zero. */
export type PriceSource = "config" | "table" | "unknown";

/** A model's price and its source. */
export interface PriceLookup {
  price: ModelPrice;
  source: PriceSource;
}

const FREE: ModelPrice = { input: 0, output: 0, cache_read: 0, cache_write: 0 };

/**
 * Finds the price of a model: the config's override, then the table, each
 * by exact id and then by base id (a date or `-latest` suffix dropped, so
 * `claude-sonnet-4-5-20250929` is `claude-sonnet-4-5`). Unknown models are
 * free, with `source: "unknown"` so reports can say the cost is not known.
 */
export function lookupPrice(model: string, overrides: PriceOverrides = {}): PriceLookup {
  const ids = [model, baseModelId(model)];
  for (const id of ids) {
    const price = overrides[id];
    if (price) return { price, source: "config" };
  }
  for (const id of ids) {
    const price = PRICE_TABLE[id];
    if (price) return { price, source: "table" };
  }
  return { price: FREE, source: "unknown" };
}

/** A model id without its snapshot date (`-20250929`, `-2025-04-14`) or `-latest` alias. */
export function baseModelId(model: string): string {
  return model.replace(/-(\d{8}|\d{4}-\d{2}-\d{2}|latest)$/, "");
}

/** The cost of one call. `priced: false` means the model's price is unknown and `usd` is 0. */
export interface PricedUsage {
  usd: number;
  priced: boolean;
  source: PriceSource;
}

/** Prices a call's usage: each token kind at its own rate (see `Usage` for what each counts). */
export function priceUsage(
  usage: Usage,
  model: string,
  overrides: PriceOverrides = {},
): PricedUsage {
  const { price, source } = lookupPrice(model, overrides);
  const micro =
    usage.inputTokens * price.input +
    usage.outputTokens * price.output +
    usage.cacheReadTokens * price.cache_read +
    usage.cacheWriteTokens * price.cache_write;
  return { usd: micro / 1_000_000, priced: source !== "unknown", source };
}

/**
 * The highest price of each kind among some models, for estimating a call
 * that any of them may serve (the budget guard prices the worst case).
 */
export function maxPrice(models: readonly string[], overrides: PriceOverrides = {}): ModelPrice {
  const prices = models.map((model) => lookupPrice(model, overrides).price);
  return {
    input: Math.max(0, ...prices.map((p) => p.input)),
    output: Math.max(0, ...prices.map((p) => p.output)),
    cache_read: Math.max(0, ...prices.map((p) => p.cache_read)),
    cache_write: Math.max(0, ...prices.map((p) => p.cache_write)),
  };
}
