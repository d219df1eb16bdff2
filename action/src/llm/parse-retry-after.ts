import type { RetryAfterHeaders } from "./provider-error.js";

/**
 * How long a server asked us to wait, in milliseconds, or undefined when it
 * did not say. `retry-after-ms` (OpenAI, Anthropic) wins over `retry-after`,
 * which is seconds or an HTTP date (RFC 9110 §10.2.3). Never negative.
 */
export function parseRetryAfter(headers: RetryAfterHeaders, nowMs: number): number | undefined {
  const ms = toNumber(headers.retryAfterMs);
  if (ms !== undefined) return Math.max(0, ms);
  const value = headers.retryAfter?.trim();
  if (!value) return undefined;
  const seconds = toNumber(value);
  if (seconds !== undefined) return Math.max(0, seconds * 1000);
  const date = Date.parse(value);
  return Number.isNaN(date) ? undefined : Math.max(0, date - nowMs);
}

function toNumber(value: string | undefined): number | undefined {
  if (value === undefined || value.trim() === "") return undefined;
  const n = Number(value);
  return Number.isFinite(n) ? n : undefined;
}
