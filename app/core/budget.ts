/**
 * Token and USD arithmetic. Money is added and compared in integer
 * micro-dollars (the database keeps `numeric(12, 6)`), so repeated sums of
 * small charges never drift the way binary floats do (0.1 + 0.2 !== 0.3).
 */

const MICROS_PER_USD = 1_000_000;

/** USD as an integer count of micro-dollars, rounded to the nearest micro-dollar. */
export function toMicros(usd: number): number {
  if (!Number.isFinite(usd) || usd < 0) {
    throw new RangeError(`an amount in USD must be a finite number ≥ 0, got ${usd}`);
  }
  return Math.round(usd * MICROS_PER_USD);
}

/** Micro-dollars back to USD. */
export function fromMicros(micros: number): number {
  return micros / MICROS_PER_USD;
}

/** `a + b` in USD, exact to the micro-dollar. */
export function addUsd(a: number, b: number): number {
  return fromMicros(toMicros(a) + toMicros(b));
}

/** What is left of `budgetUsd` after `spentUsd`, never below zero. */
export function remainingUsd(spentUsd: number, budgetUsd: number): number {
  return fromMicros(Math.max(0, toMicros(budgetUsd) - toMicros(spentUsd)));
}

/**
 * Whether a stage run allowed to spend `capUsd` fits the budget once
 * `spentUsd` (spent, plus what open runs may still spend) is counted.
 */
export function canAfford(spentUsd: number, capUsd: number, budgetUsd: number): boolean {
  return toMicros(spentUsd) + toMicros(capUsd) <= toMicros(budgetUsd);
}

/** What one or more model calls used. */
export interface Usage {
  inputTokens: number;
  outputTokens: number;
  cacheReadTokens: number;
  cacheWriteTokens: number;
  usd: number;
}

export const NO_USAGE: Readonly<Usage> = Object.freeze({
  inputTokens: 0,
  outputTokens: 0,
  cacheReadTokens: 0,
  cacheWriteTokens: 0,
  usd: 0,
});

/** The sum of two usages: tokens added as integers, USD in micro-dollars. */
export function addUsage(a: Readonly<Usage>, b: Readonly<Usage>): Usage {
  return {
    inputTokens: a.inputTokens + b.inputTokens,
    outputTokens: a.outputTokens + b.outputTokens,
    cacheReadTokens: a.cacheReadTokens + b.cacheReadTokens,
    cacheWriteTokens: a.cacheWriteTokens + b.cacheWriteTokens,
    usd: addUsd(a.usd, b.usd),
  };
}

/** Every token a usage counts against a token budget. */
export function totalTokens(usage: Readonly<Usage>): number {
  return usage.inputTokens + usage.outputTokens + usage.cacheReadTokens + usage.cacheWriteTokens;
}

/** Whether `capTokens` more fit a token budget; an unset budget never binds. */
export function canAffordTokens(
  spentTokens: number,
  capTokens: number,
  budgetTokens: number | undefined,
): boolean {
  return budgetTokens === undefined || spentTokens + capTokens <= budgetTokens;
}
