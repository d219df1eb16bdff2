import type { ModelRef } from "./types.js";

/**
 * Statuses worth another attempt: rate limited (429), server trouble
 * (500/502/503/504), request timeout (408) and Anthropic's overloaded (529).
 */
export const RETRYABLE_STATUSES: ReadonlySet<number> = new Set([408, 429, 500, 502, 503, 504, 529]);

/** The `retry-after` headers of a failed response, as sent. */
export interface RetryAfterHeaders {
  retryAfter?: string;
  retryAfterMs?: string;
}

/** What an SDK error carries that matters here (both SDKs' `APIError` have this shape). */
export interface SdkErrorLike {
  status: number | undefined;
  headers: Headers | undefined;
  error: unknown;
  message: string;
}

/**
 * A failed call to a provider, normalised. `status` is undefined when no
 * response came back (connection refused, reset, timed out).
 */
export class ProviderError extends Error {
  override readonly name = "ProviderError";
  readonly status: number | undefined;
  /** The failure without the model's name, e.g. `HTTP 529 overloaded_error: Overloaded`. */
  readonly detail: string;
  readonly retryable: boolean;
  readonly retryAfter: RetryAfterHeaders;
  readonly ref: ModelRef;

  constructor(ref: ModelRef, status: number | undefined, detail: string, retryAfter = {}) {
    super(`${ref.provider} ${ref.model}: ${detail}`);
    this.ref = ref;
    this.status = status;
    this.detail = detail;
    this.retryable = status === undefined || RETRYABLE_STATUSES.has(status);
    this.retryAfter = retryAfter;
  }

  /** True when the provider answered, so the failure says nothing about its health (4xx but 408/429). */
  get isClientError(): boolean {
    return this.status !== undefined && !this.retryable;
  }
}

/** Turns an SDK `APIError` into a {@link ProviderError} with a short, readable detail. */
export function providerErrorFrom(error: SdkErrorLike, ref: ModelRef): ProviderError {
  if (error.status === undefined || error.headers === undefined) {
    return new ProviderError(ref, undefined, `no response (${error.message})`);
  }
  const retryAfter: RetryAfterHeaders = {};
  const seconds = error.headers.get("retry-after");
  const ms = error.headers.get("retry-after-ms");
  if (seconds !== null) retryAfter.retryAfter = seconds;
  if (ms !== null) retryAfter.retryAfterMs = ms;
  const detail = describeBody(error.status, error.error, error.message);
  return new ProviderError(ref, error.status, detail, retryAfter);
}

// Anthropic: {type: "error", error: {type, message}}; OpenAI (unwrapped by its SDK): {type, code, message}.
// A body that is not JSON (a proxy's HTML page) is only in the SDK's message, after the status.
function describeBody(status: number, body: unknown, sdkMessage: string): string {
  const inner = pick(body, "error") ?? body;
  const type = pick(inner, "type") ?? pick(inner, "code");
  const message = pick(inner, "message");
  const head = typeof type === "string" ? `HTTP ${status} ${type}` : `HTTP ${status}`;
  if (typeof message === "string") return `${head}: ${message}`;
  return body === undefined ? `${head}: ${sdkMessage.replace(/^\d{3} /, "").slice(0, 200)}` : head;
}

function pick(value: unknown, key: string): unknown {
  return typeof value === "object" && value !== null ? Reflect.get(value, key) : undefined;
}
