import type { UsageTotals } from "../../../contract/summarise-usage.js";
import { formatCount } from "./format.js";

// Summed in contract/, so the job summary's totals are the check run's.
export { summariseUsage, type UsageTotals } from "../../../contract/summarise-usage.js";

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
