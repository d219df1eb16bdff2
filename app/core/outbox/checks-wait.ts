/** How long a merge waits for required checks before a person is told. */
export const MAX_CHECKS_WAIT_MS = 24 * 60 * 60_000;
const MIN_DELAY_MS = 2 * 60_000;
const MAX_DELAY_MS = 15 * 60_000;

export type ChecksWait = { kind: "wait"; delayMs: number } | { kind: "give_up"; reason: string };

/**
 * A merge has waited `waitedMs` for required checks: ask again after a
 * quarter of that (two minutes at first, at most fifteen), or, after a day,
 * stop and say so. Waiting is not failing: it spends no outbox attempt.
 */
export function checksWait(waitedMs: number): ChecksWait {
  if (waitedMs >= MAX_CHECKS_WAIT_MS) {
    return { kind: "give_up", reason: "required checks did not finish within 24 hours" };
  }
  const delayMs = Math.min(MAX_DELAY_MS, Math.max(MIN_DELAY_MS, Math.round(waitedMs / 4)));
  return { kind: "wait", delayMs };
}
