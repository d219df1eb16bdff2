/**
 * How long GitHub asked us to wait before trying again, in milliseconds,
 * from a failed request's answer: `retry-after` (secondary rate limits,
 * 429s), else `x-ratelimit-reset` when the quota is spent. Undefined when
 * GitHub said nothing about waiting.
 */
export function retryAfterMs(error: unknown, now = Date.now()): number | undefined {
  const headers = (error as { response?: { headers?: Record<string, unknown> } }).response?.headers;
  if (!headers) return undefined;
  const after = Number(headers["retry-after"]);
  if (Number.isFinite(after) && after > 0) return after * 1000;
  if (headers["x-ratelimit-remaining"] !== "0") return undefined;
  const reset = Number(headers["x-ratelimit-reset"]) * 1000;
  return Number.isFinite(reset) && reset > now ? reset - now + 1000 : undefined;
}
