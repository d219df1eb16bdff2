/** How the reporter waits between attempts. */
export interface BackoffPolicy {
  /** The first wait, before jitter. */
  baseMs: number;
  /** No exponential wait is longer. */
  maxMs: number;
  /** A server's `retry-after` is honoured up to this, so a job never sleeps for an hour. */
  maxRetryAfterMs: number;
}

export const DEFAULT_BACKOFF: BackoffPolicy = {
  baseMs: 1_000,
  maxMs: 30_000,
  maxRetryAfterMs: 120_000,
};

/**
 * The wait before attempt `attempt + 1`: the server's `retry-after` when it
 * gave one (capped), else exponential from `baseMs` with "equal jitter" —
 * half fixed, half random — so many runners retrying the same app spread out.
 * `random` returns a number in [0, 1).
 */
export function backoffDelay(
  attempt: number,
  retryAfterMs: number | undefined,
  random: () => number,
  policy: BackoffPolicy = DEFAULT_BACKOFF,
): number {
  if (retryAfterMs !== undefined) return Math.min(retryAfterMs, policy.maxRetryAfterMs);
  const exponential = Math.min(policy.maxMs, policy.baseMs * 2 ** Math.max(0, attempt - 1));
  return Math.round(exponential / 2 + (exponential / 2) * random());
}
