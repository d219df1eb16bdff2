import type { QuantaPilotConfig } from "../../../contract/config.js";
import type { ModelPrice } from "./pricing.js";
import { totalTokens, type Usage } from "./types.js";

/** The hard limits of one stage run (`budgets.stage_run`). */
export type StageRunLimits = QuantaPilotConfig["budgets"]["stage_run"];

/** Which limit stopped the run. */
export type BudgetLimit = "turns" | "tokens" | "usd" | "minutes";

/** Go on, or stop cleanly, naming the limit and saying why in words for the result. */
export type BudgetCheck = { stop: false } | { stop: true; limit: BudgetLimit; message: string };

/** The call about to be made, as the guard sizes it up. */
export interface NextCall {
  /** Prompt tokens, estimated high (see `estimateInputTokens`). */
  inputTokens: number;
  maxOutputTokens: number;
  /** The price of the dearest model that may serve it. */
  price: ModelPrice;
}

/** What a stage run has used so far. */
export interface BudgetSpent {
  turns: number;
  tokens: number;
  usd: number;
  elapsedMs: number;
}

/**
 * Enforces a stage run's turns, tokens, USD and wall-clock limits. The
 * agent calls `check` before each model call and stops when told to, so no
 * limit is crossed: the next call is assumed to use all of `maxOutputTokens`
 * and to pay for its whole prompt at the dearer of the input and
 * cache-write prices. Tokens count every kind, cached ones included.
 */
export class BudgetGuard {
  #turns = 0;
  #tokens = 0;
  #usd = 0;
  readonly #startedAt: number;

  constructor(
    private readonly limits: StageRunLimits,
    private readonly now: () => number,
    startedAtMs?: number,
  ) {
    this.#startedAt = startedAtMs ?? now();
  }

  /** Whether the next call fits within every limit. */
  check(next: NextCall): BudgetCheck {
    const { limits } = this;
    const spent = this.spent();
    if (spent.elapsedMs >= limits.minutes * 60_000) {
      return stop("minutes", `the stage run has used its ${limits.minutes} minutes`);
    }
    if (spent.turns + 1 > limits.turns) {
      return stop(
        "turns",
        `turn ${spent.turns + 1} would exceed the limit of ${limits.turns} turns`,
      );
    }
    const tokens = next.inputTokens + next.maxOutputTokens;
    if (spent.tokens + tokens > limits.tokens) {
      return stop("tokens", tokensMessage(spent.tokens, tokens, limits.tokens));
    }
    const usd = estimateUsd(next);
    if (spent.usd + usd > limits.usd) return stop("usd", usdMessage(spent.usd, usd, limits.usd));
    return { stop: false };
  }

  /** Counts a finished call: one turn, its tokens and its cost. */
  record(usage: Usage, usd: number): void {
    this.#turns += 1;
    this.#tokens += totalTokens(usage);
    this.#usd += usd;
  }

  /** Turns, tokens, USD and time used so far. */
  spent(): BudgetSpent {
    const elapsedMs = this.now() - this.#startedAt;
    return { turns: this.#turns, tokens: this.#tokens, usd: this.#usd, elapsedMs };
  }

  /** Milliseconds left on the wall clock, e.g. for a call's abort signal. */
  remainingMs(): number {
    return Math.max(0, this.limits.minutes * 60_000 - this.spent().elapsedMs);
  }
}

function estimateUsd(next: NextCall): number {
  const inputRate = Math.max(next.price.input, next.price.cache_write);
  return (next.inputTokens * inputRate + next.maxOutputTokens * next.price.output) / 1_000_000;
}

function stop(limit: BudgetLimit, why: string): BudgetCheck {
  const key = `budgets.stage_run.${limit}`;
  return { stop: true, limit, message: `Stopped before the next model call: ${why} (${key}).` };
}

function tokensMessage(used: number, next: number, limit: number): string {
  return `the next call may use up to ${next} tokens, and ${used} of the ${limit} allowed are used`;
}

function usdMessage(spent: number, next: number, limit: number): string {
  const usd = (n: number) => `$${n.toFixed(4)}`;
  return `the next call may cost up to ${usd(next)}, and ${usd(spent)} of the ${usd(limit)} allowed is spent`;
}
