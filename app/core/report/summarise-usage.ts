import type { StageResult } from "../../../contract/stage-result.js";
import { addUsd } from "../budget.js";
import { formatCount, formatUsd } from "./format.js";

type UsageLine = StageResult["usage"][number];

/** What a run's model calls added up to. */
export interface UsageTotals {
  /** Models in the order first used, e.g. `claude-sonnet-4-5, gpt-4.1-mini`. */
  models: string[];
  inputTokens: number;
  outputTokens: number;
  cacheReadTokens: number;
  cacheWriteTokens: number;
  usd: number;
}

/** The usage lines of a result, summed (USD to the micro-dollar). */
export function summariseUsage(usage: readonly UsageLine[]): UsageTotals {
  const totals: UsageTotals = {
    models: [],
    inputTokens: 0,
    outputTokens: 0,
    cacheReadTokens: 0,
    cacheWriteTokens: 0,
    usd: 0,
  };
  for (const line of usage) {
    if (!totals.models.includes(line.model)) totals.models.push(line.model);
    totals.inputTokens += line.input_tokens;
    totals.outputTokens += line.output_tokens;
    totals.cacheReadTokens += line.cache_read_tokens;
    totals.cacheWriteTokens += line.cache_write_tokens;
    totals.usd = addUsd(totals.usd, line.usd);
  }
  return totals;
}

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
