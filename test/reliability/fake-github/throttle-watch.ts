/** A call repeated sooner than GitHub's `retry-after` allowed. */
export interface ThrottleViolation {
  call: string;
  retryAfterMs: number;
  waitedMs: number;
}

/**
 * GitHub's side of the throttling rules: a call answered with `retry-after`
 * must not be made again before that many seconds have passed. A call is
 * its method, path, query and body, so another effect's different request
 * is not taken for a retry. Time is the wall clock plus what the harness
 * fast-forwarded (`advance`), because the harness skips the waits the app
 * stored instead of sleeping through them.
 */
export function createThrottleWatch() {
  const waiting = new Map<string, { at: number; retryAfterMs: number }>();
  const violations: ThrottleViolation[] = [];
  let skippedMs = 0;
  let retried = 0;
  const clock = () => Date.now() + skippedMs;
  return {
    /** Checks a request against a `retry-after` its call was answered with. */
    seen(call: string): void {
      const throttled = waiting.get(call);
      if (!throttled) return;
      waiting.delete(call);
      retried++;
      const waitedMs = clock() - throttled.at;
      if (waitedMs < throttled.retryAfterMs)
        violations.push({ call, retryAfterMs: throttled.retryAfterMs, waitedMs });
    },
    /** Notes an answer; one with `retry-after` starts the wait for its call. */
    answered(call: string, headers: Record<string, string> | undefined): void {
      const seconds = Number(headers?.["retry-after"]);
      if (Number.isFinite(seconds) && seconds > 0)
        waiting.set(call, { at: clock(), retryAfterMs: seconds * 1000 });
    },
    /** Time passes that nobody slept through: the harness moved the app's stored waits. */
    advance(ms: number): void {
      skippedMs += Math.max(0, ms);
    },
    violations: () => [...violations],
    /** How many throttled calls were made again: the check ran on that many. */
    retried: () => retried,
  };
}

export type ThrottleWatch = ReturnType<typeof createThrottleWatch>;
