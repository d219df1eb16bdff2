import nock from "nock";
import {
  createGitHubNock,
  type GitHubNock,
  type GitHubRequest,
} from "../../helpers/github-nock.js";
import { actionRoutes } from "./fake-github-actions.js";
import { checkRoutes } from "./fake-github-checks.js";
import { gitRoutes } from "./fake-github-git.js";
import { issueRoutes } from "./fake-github-issues.js";
import { pullRoutes } from "./fake-github-pulls.js";
import type { Groups, Reply, Route } from "./fake-github-route.js";
import { FakeRepo } from "./fake-repo.js";

/** A request the app sent, shortened for reading: `GET /git/ref/heads%2Fmain` (no repo prefix, no query). */
export interface SentRequest {
  method: string;
  path: string;
  query: URLSearchParams;
  body: unknown;
}

/** One answer GitHub fails to deliver: it does the work, then the connection breaks (a 502). */
interface Fault {
  method: string;
  path: RegExp;
}

export interface FakeGitHub {
  repo: FakeRepo;
  nock: GitHubNock;
  /** The requests sent since the last `take()`, in order; fails on any the simulator cannot answer. */
  take(): SentRequest[];
  /** Every request sent so far. */
  all(): GitHubRequest[];
  /** The next matching request is performed but answered 502, as when the network fails after GitHub acted. */
  failAfterPerforming(method: string, path: RegExp): void;
  /** GraphQL `pinIssue` mutations seen. */
  pins(): unknown[];
}

const METHODS = ["GET", "POST", "PATCH", "PUT", "DELETE"];

/**
 * A stateful GitHub for one repository behind `createGitHubNock()`, so every
 * request is still checked against GitHub's OpenAPI description (an invalid
 * one gets a 422 and fails `take()`). It answers as GitHub would from its
 * state; it sends no webhooks — the test plays GitHub's side by delivering them.
 */
export function createFakeGitHub(options: {
  owner: string;
  name: string;
  id: number;
  installationId: number;
  readme: string;
}): FakeGitHub {
  const repo = new FakeRepo(options.owner, options.name, options.id, "main", options.readme);
  const routes = [
    ...gitRoutes(repo),
    ...checkRoutes(repo),
    ...issueRoutes(repo),
    ...pullRoutes(repo),
    ...actionRoutes(repo),
  ];
  const prefix = `/repos/${options.owner}/${options.name}`;
  const unanswered: string[] = [];
  const faults: Fault[] = [];
  const scope = createGitHubNock();
  scope.persist();
  const answer = (method: string, uri: string, body: unknown): Reply => {
    if (process.env.LIFE_TRACE) console.log(Date.now() % 100000, method, uri);
    const url = new URL(uri, "https://api.github.com");
    if (url.pathname === `/app/installations/${options.installationId}/access_tokens`) {
      return [201, { token: "ghs_life", expires_at: "2099-01-01T00:00:00Z" }];
    }
    const path = decodeURIComponent(url.pathname.slice(prefix.length));
    const reply = route(routes, method, path, url.searchParams, body);
    if (reply === undefined) {
      unanswered.push(`${method} ${uri}`);
      return [501, { message: `fake GitHub cannot answer ${method} ${uri}` }];
    }
    const fault = faults.findIndex((f) => f.method === method && f.path.test(path));
    if (fault < 0) return reply;
    faults.splice(fault, 1);
    return [502, { message: "Bad Gateway (the work was done)" }];
  };
  for (const method of METHODS) {
    scope
      .intercept((uri: string) => !uri.startsWith("/graphql"), method)
      .reply((uri, body) =>
        answer(method, uri, typeof body === "string" && body ? JSON.parse(body) : body),
      );
  }
  const pins: unknown[] = [];
  nock("https://api.github.com")
    .persist()
    .post("/graphql")
    .reply((_uri, body) => {
      pins.push(body);
      return [200, { data: { pinIssue: { issue: { number: 1 } } } }];
    });
  let seen = 0;
  return {
    repo,
    nock: scope,
    take() {
      scope.assertAllRequestsValid();
      if (unanswered.length)
        throw new Error(`fake GitHub could not answer:\n${unanswered.join("\n")}`);
      const fresh = scope.requests().slice(seen);
      seen += fresh.length;
      return fresh.map((r) => shorten(r, prefix));
    },
    all: () => scope.requests(),
    failAfterPerforming: (method, path) => faults.push({ method, path }),
    pins: () => [...pins],
  };
}

function route(
  routes: Route[],
  method: string,
  path: string,
  query: URLSearchParams,
  body: unknown,
) {
  for (const [m, pattern, respond] of routes) {
    if (m !== method) continue;
    const match = pattern.exec(path);
    if (match) return respond(match.slice(1) as Groups, query, body);
  }
  return undefined;
}

function shorten(request: GitHubRequest, prefix: string): SentRequest {
  const url = new URL(request.path, "https://api.github.com");
  const path = url.pathname.startsWith(prefix) ? url.pathname.slice(prefix.length) : url.pathname;
  return { method: request.method, path: path || "/", query: url.searchParams, body: request.body };
}
