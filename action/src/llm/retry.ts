import type { Clock } from "./clock.js";
import { parseRetryAfter } from "./parse-retry-after.js";
import { ProviderError } from "./provider-error.js";

/** When and how long to retry a failed call to one model. */
export interface RetryPolicy {
  /** Attempts in all, the first included. */
  maxAttempts: number;
  /** First backoff when the server gives no `retry-after`; doubles per retry. */
  baseDelayMs: number;
  maxDelayMs: number;
  /**
   * The longest `retry-after` we wait for. A server asking for longer is
   * treated as down: waiting less would only earn another 429, so the
   * fallback chain moves on instead.
   */
  maxRetryAfterMs: number;
}

/** Four attempts; backoff of 0.25–0.5 s, 0.5–1 s, 1–2 s; `retry-after` honoured up to a minute. */
export const DEFAULT_RETRY_POLICY: RetryPolicy = {
  maxAttempts: 4,
  baseDelayMs: 500,
  maxDelayMs: 8_000,
  maxRetryAfterMs: 60_000,
};

/** What retrying needs from the outside; `canContinue` names a reason to stop early. */
export interface RetryDeps {
  clock: Clock;
  random: () => number;
  canContinue?: () => string | undefined;
}

/** The outcome of a call with retries: its value, or its last error and why retrying stopped. */
export type RetryResult<T> =
  | { ok: true; value: T; attempts: number }
  | { ok: false; error: unknown; attempts: number; stoppedBecause: string };

/**
 * Calls `attempt` until it succeeds or retrying stops: the error is not a
 * retryable {@link ProviderError} (429, 5xx, 529, no response), attempts run
 * out, the server's `retry-after` exceeds the cap, or `canContinue` objects.
 * Honours `retry-after-ms` / `retry-after`; otherwise exponential backoff
 * with equal jitter (half fixed, half random), so concurrent runners spread.
 */
export async function withRetry<T>(
  attempt: () => Promise<T>,
  policy: RetryPolicy,
  deps: RetryDeps,
): Promise<RetryResult<T>> {
  for (let n = 1; ; n++) {
    try {
      return { ok: true, value: await attempt(), attempts: n };
    } catch (error) {
      const wait = nextDelay(error, n, policy, deps);
      if (typeof wait === "string") return { ok: false, error, attempts: n, stoppedBecause: wait };
      await deps.clock.sleep(wait);
    }
  }
}

/** Milliseconds to wait before attempt `n + 1`, or the reason not to make it. */
function nextDelay(
  error: unknown,
  n: number,
  policy: RetryPolicy,
  deps: RetryDeps,
): number | string {
  if (!(error instanceof ProviderError)) return "not a provider error";
  if (!error.retryable) return "not retryable";
  if (n >= policy.maxAttempts) return `gave up after ${n} attempts`;
  const stop = deps.canContinue?.();
  if (stop !== undefined) return stop;
  const asked = parseRetryAfter(error.retryAfter, deps.clock.now());
  if (asked === undefined) return backoff(n, policy, deps.random);
  if (asked <= policy.maxRetryAfterMs) return asked;
  return `retry-after of ${Math.ceil(asked / 1000)} s exceeds the ${policy.maxRetryAfterMs / 1000} s cap`;
}

function backoff(n: number, policy: RetryPolicy, random: () => number): number {
  const cap = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** (n - 1));
  return Math.round(cap / 2 + (random() * cap) / 2);
}
