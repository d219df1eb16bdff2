import type { StageResult } from "./stage-result.js";

type UsageLine = StageResult["usage"][number];

/** What a result's model calls added up to. */
export interface UsageTotals {
  /** "claude-sonnet-4-5 (anthropic)", in the order first used: the provider tells a hosted model from a local one. */
  models: string[];
  inputTokens: number;
  outputTokens: number;
  cacheReadTokens: number;
  cacheWriteTokens: number;
  usd: number;
}

/**
 * The usage lines of a result, summed. The action's job summary and the app's
 * check run both call this, so the two totals a person compares are the same
 * figures. USD is summed in integer micro-dollars so many small charges do not
 * drift the way binary floats do.
 */
export function summariseUsage(usage: readonly UsageLine[]): UsageTotals {
  const totals: UsageTotals = {
    models: [],
    inputTokens: 0,
    outputTokens: 0,
    cacheReadTokens: 0,
    cacheWriteTokens: 0,
    usd: 0,
  };
  let micros = 0;
  for (const line of usage) {
    const model = `${line.model} (${line.provider})`;
    if (!totals.models.includes(model)) totals.models.push(model);
    totals.inputTokens += line.input_tokens;
    totals.outputTokens += line.output_tokens;
    totals.cacheReadTokens += line.cache_read_tokens;
    totals.cacheWriteTokens += line.cache_write_tokens;
    micros += Math.round(line.usd * 1_000_000);
  }
  totals.usd = micros / 1_000_000;
  return totals;
}
