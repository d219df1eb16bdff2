/** Closed: calls flow. Open: calls are refused. Half-open: one trial call may go. */
export type BreakerState = "closed" | "open" | "half-open";

/** When a breaker opens and how long it stays open. */
export interface BreakerOptions {
  /** Consecutive failed attempts that open the breaker. */
  failureThreshold: number;
  /** How long it stays open before letting one trial call through. */
  cooldownMs: number;
}

/** Five failures in a row open it for 30 seconds. */
export const DEFAULT_BREAKER_OPTIONS: BreakerOptions = { failureThreshold: 5, cooldownMs: 30_000 };

/**
 * A circuit breaker for one provider endpoint: opens after
 * `failureThreshold` consecutive failures, half-opens after `cooldownMs`,
 * closes on the trial call's success and re-opens on its failure. A trial
 * that never reports (an aborted call) frees the slot after another
 * cooldown. The clock is injected.
 */
export class CircuitBreaker {
  #failures = 0;
  #openedAt: number | undefined;
  #trialAt: number | undefined;

  constructor(
    private readonly options: BreakerOptions,
    private readonly now: () => number,
  ) {}

  /** Closed, open, or half-open once the cooldown has passed. */
  state(): BreakerState {
    if (this.#openedAt === undefined) return "closed";
    return this.#cooled(this.#openedAt) ? "half-open" : "open";
  }

  /** Whether a call may go now; in half-open, claims the one trial call. */
  allowRequest(): boolean {
    const state = this.state();
    if (state !== "half-open") return state === "closed";
    if (this.#trialAt !== undefined && !this.#cooled(this.#trialAt)) return false;
    this.#trialAt = this.now();
    return true;
  }

  /** The provider answered: close. */
  recordSuccess(): void {
    this.#failures = 0;
    this.#openedAt = undefined;
    this.#trialAt = undefined;
  }

  /** The provider failed: count it, and open at the threshold or when the trial failed. */
  recordFailure(): void {
    this.#failures += 1;
    const trialFailed = this.state() === "half-open";
    if (trialFailed || this.#failures >= this.options.failureThreshold) this.#openedAt = this.now();
    this.#trialAt = undefined;
  }

  /** Why calls are refused, for the record; undefined while closed. */
  describe(): string | undefined {
    if (this.#openedAt === undefined) return undefined;
    const until = new Date(this.#openedAt + this.options.cooldownMs).toISOString();
    return `circuit open after ${this.#failures} consecutive failures, until ${until}`;
  }

  #cooled(since: number): boolean {
    return this.now() - since >= this.options.cooldownMs;
  }
}
