/** What `@octokit/plugin-retry` never retries, by default. */
const NOT_RETRIED = [400, 401, 403, 404, 410, 422, 451];

/**
 * Octokit defaults (for `Octokit.defaults`) under which
 * `@octokit/plugin-retry` does not retry a 429. It would send the request
 * again after 1, 4 and 9 seconds whatever GitHub's `retry-after` says
 * (often a minute): too soon, against GitHub's rules. The 429 reaches the
 * caller instead: the outbox reschedules the effect no sooner than
 * `retry-after` (`retryAfterMs`), and a webhook handler's delivery fails
 * and is asked for again by the reconciler minutes later.
 */
export function leave429ToCaller(options: Record<string, unknown>): Record<string, unknown> {
  const retry = (options.retry ?? {}) as { doNotRetry?: number[] };
  const doNotRetry = [...new Set([...(retry.doNotRetry ?? NOT_RETRIED), 429])];
  return { ...options, retry: { ...retry, doNotRetry } };
}
