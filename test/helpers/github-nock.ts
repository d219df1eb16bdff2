import type { ClientRequest } from "node:http";
import nock from "nock";
import { guardReplies } from "./github-nock-reply.js";
import {
  type GitHubRequestToValidate,
  type GitHubRequestVerdict,
  validateGitHubRequest,
} from "./github-openapi.js";
import { parseRequestBody } from "./github-openapi-body.js";

/** One request the code under test sent to GitHub, in the order sent. */
export interface GitHubRequest {
  method: string;
  /** Path and query, without the base URL's own path (e.g. GHES `/api/v3`). */
  path: string;
  /** Parsed JSON, raw text, or undefined when nothing was sent. */
  body: unknown;
}

/** What `createGitHubNock` adds to a nock scope. */
export interface GitHubNockChecks {
  /** Every intercepted request so far, in order. */
  requests(): GitHubRequest[];
  /** Every problem found so far, each naming its operationId and JSON pointer. */
  problems(): string[];
  /** Fails the test if any intercepted request broke GitHub's OpenAPI description. */
  assertAllRequestsValid(): void;
  /** Fails the test if a request was invalid or a mock was never requested. */
  expectDone(): void;
}

/** A nock scope on GitHub whose intercepted requests are checked against GitHub's description. */
export type GitHubNock = nock.Scope & GitHubNockChecks;

/**
 * A nock scope on `baseUrl` that checks every request it intercepts with
 * `validateGitHubRequest`. An invalid request is recorded, so
 * `assertAllRequestsValid()` / `expectDone()` fail, and answered with a 422
 * listing the problems instead of the mocked reply, so the code under test
 * sees the failure too (Octokit puts them in the RequestError message).
 *
 * Nock 14 intercepts the global `fetch`, which Probot's Octokit uses, so no
 * `request.fetch` is needed there. `@actions/github`'s `getOctokit` fetches
 * through undici's own `fetch`, which nock does not see (the request goes to
 * the network even with `disableNetConnect()`): in tests build it with
 * `getOctokit(token, { request: { fetch: globalThis.fetch } })`.
 */
export function createGitHubNock({ baseUrl = "https://api.github.com" } = {}): GitHubNock {
  const scope = nock(baseUrl);
  const log = createRequestLog(new URL(baseUrl).pathname.replace(/\/$/, ""));
  scope.on("request", (req: ClientRequest, _interceptor: unknown, bodyText: string) =>
    log.inspect(req, bodyText),
  );
  guardReplies(scope, log.rejectionFor);
  const assertAllRequestsValid = () =>
    failOnAny(
      "problem(s) found checking requests against GitHub's OpenAPI description",
      log.problems,
    );
  return Object.assign(scope, {
    requests: () => [...log.recorded],
    problems: () => [...log.problems],
    assertAllRequestsValid,
    // Validity first: an invalid request got a 422, which usually explains the pending mocks.
    expectDone() {
      assertAllRequestsValid();
      failOnAny("GitHub mock(s) never requested", scope.pendingMocks());
    },
  });
}

// Records each request in order, validates it, and remembers which to reject.
function createRequestLog(basePath: string) {
  const recorded: GitHubRequest[] = [];
  const problems: string[] = [];
  const rejected = new WeakMap<object, string[]>();
  const inspect = (req: ClientRequest, bodyText: string) => {
    const body = parseRequestBody(bodyText);
    recorded.push({ method: req.method, path: req.path.slice(basePath.length), body });
    const verdict = validateSafely({
      method: req.method,
      url: req.path,
      body,
      headers: req.getHeaders(),
    });
    if (verdict.ok) return;
    problems.push(...verdict.problems);
    rejected.set(req, verdict.problems);
  };
  return { recorded, problems, inspect, rejectionFor: (req: object) => rejected.get(req) };
}

// A throw inside nock's "request" listener escapes as an uncaught exception and
// leaves the request hanging until the test times out (seen while writing this);
// a validator bug must surface as an ordinary problem and a 422 instead.
function validateSafely(request: GitHubRequestToValidate): GitHubRequestVerdict {
  try {
    return validateGitHubRequest(request);
  } catch (error) {
    return {
      ok: false,
      problems: [`${request.method} ${request.url}: could not validate: ${error}`],
    };
  }
}

// A plain Error listing every item, so the test report shows them all untruncated.
function failOnAny(what: string, items: string[]): void {
  if (items.length === 0) return;
  throw new Error(`${items.length} ${what}:\n- ${items.join("\n- ")}`);
}
