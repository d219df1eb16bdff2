import type { StageResult } from "../../../contract/stage-result.js";
import { formatCount } from "./format.js";

/** What a result's model calls added up to. */
export interface UsageTotals {
  /** "claude-sonnet-4-5 (anthropic)", in the order first used. */
  models: string[];
  inputTokens: number;
  outputTokens: number;
  cacheReadTokens: number;
  cacheWriteTokens: number;
  usd: number;
}

/** The usage lines of a result, summed; USD rounded to the micro-dollar so sums do not drift. */
export function summariseUsage(usage: StageResult["usage"]): UsageTotals {
  const totals: UsageTotals = {
    models: [],
    inputTokens: 0,
    outputTokens: 0,
    cacheReadTokens: 0,
    cacheWriteTokens: 0,
    usd: 0,
  };
  for (const line of usage) {
    const model = `${line.model} (${line.provider})`;
    if (!totals.models.includes(model)) totals.models.push(model);
    totals.inputTokens += line.input_tokens;
    totals.outputTokens += line.output_tokens;
    totals.cacheReadTokens += line.cache_read_tokens;
    totals.cacheWriteTokens += line.cache_write_tokens;
    totals.usd = Math.round((totals.usd + line.usd) * 1e6) / 1e6;
  }
  return totals;
}

/**
 * "12,000 in · 800 out · 9,000 cache read · 3,000 cache write (38% of the
 * prompt from cache)": input counts uncached prompt tokens only, so the
 * share is what caching saved.
 */
export function describeTokens(totals: UsageTotals): string {
  const parts = [
    `${formatCount(totals.inputTokens)} in`,
    `${formatCount(totals.outputTokens)} out`,
  ];
  if (totals.cacheReadTokens > 0) parts.push(`${formatCount(totals.cacheReadTokens)} cache read`);
  if (totals.cacheWriteTokens > 0)
    parts.push(`${formatCount(totals.cacheWriteTokens)} cache write`);
  const prompt = totals.inputTokens + totals.cacheReadTokens + totals.cacheWriteTokens;
  const share =
    prompt === 0 || totals.cacheReadTokens === 0
      ? ""
      : ` (${Math.round((100 * totals.cacheReadTokens) / prompt)}% of the prompt from cache)`;
  return `${parts.join(" · ")}${share}`;
}
