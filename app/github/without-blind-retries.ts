import type { Octokit } from "@octokit/core";

/**
 * An Octokit plugin that stops `@octokit/plugin-retry` from repeating a POST
 * on its own. A POST that failed with a 5xx may still have taken effect (the
 * answer was lost on the way back, as GitHub's 502s often are), and a blind
 * repeat would create a second comment, check run, pull request or workflow
 * run. The outbox retries the whole performer instead, and every performer
 * first looks for what an earlier attempt did. GET, PATCH, PUT and DELETE
 * are idempotent and keep their in-request retries; GraphQL queries too.
 */
export function withoutBlindRetries(octokit: Octokit): void {
  octokit.hook.before("request", (options) => {
    if (options.method !== "POST" || String(options.url).endsWith("/graphql")) return;
    options.request = { ...options.request, retries: 0 } as typeof options.request;
  });
}
