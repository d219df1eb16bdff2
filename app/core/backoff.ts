/**
 * Delay before retry number `attempt` (1-based): exponential from `baseMs`,
 * capped, with "equal jitter" so replicas retrying the same outage spread
 * out instead of knocking together. `random` is injected to keep this pure.
 */
export function backoffDelay(
  attempt: number,
  { baseMs = 1000, capMs = 10 * 60_000, random = Math.random } = {},
): number {
  const exponential = Math.min(capMs, baseMs * 2 ** Math.max(0, attempt - 1));
  return Math.round(exponential / 2 + (exponential / 2) * random());
}
