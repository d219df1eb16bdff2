import type { StageResult } from "../../../contract/stage-result.js";
import type { UsageTotals } from "../../../contract/summarise-usage.js";
import { formatCount, formatUsd } from "./format.js";

// Summed in contract/, so the check run's totals are the action's job summary's.
export { summariseUsage, type UsageTotals } from "../../../contract/summarise-usage.js";

type UsageLine = StageResult["usage"][number];

/** "12,000 in · 800 out · 9,000 cache read · 3,000 cache write" (cache parts only when used). */
export function describeTokens(totals: UsageTotals): string {
  const parts = [
    `${formatCount(totals.inputTokens)} in`,
    `${formatCount(totals.outputTokens)} out`,
  ];
  if (totals.cacheReadTokens > 0) parts.push(`${formatCount(totals.cacheReadTokens)} cache read`);
  if (totals.cacheWriteTokens > 0)
    parts.push(`${formatCount(totals.cacheWriteTokens)} cache write`);
  return parts.join(" · ");
}

/** One Markdown table row per provider and model, for the check run's details. */
export function usageRows(usage: readonly UsageLine[]): string[] {
  return usage.map(
    (line) =>
      `| ${line.provider} | ${line.model} | ${formatCount(line.input_tokens)} | ` +
      `${formatCount(line.output_tokens)} | ${formatCount(line.cache_read_tokens)} | ` +
      `${formatCount(line.cache_write_tokens)} | ${formatUsd(line.usd)} |`,
  );
}
