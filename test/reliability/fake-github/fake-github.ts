import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { validateGitHubRequest } from "../../helpers/github-openapi.js";
import { actionsRoutes } from "./actions-routes.js";
import { appRoutes } from "./app-routes.js";
import { checkRoutes } from "./check-routes.js";
import { createEffectLedger } from "./effect-ledger.js";
import { createFakeRepo, type FakeRepo } from "./fake-repo.js";
import {
  FakeError,
  type FakeReply,
  type FakeRequest,
  type FakeWorld,
  type HookDelivery,
  matchPath,
} from "./fake-route.js";
import { gitRoutes } from "./git-routes.js";
import { issueRoutes } from "./issue-routes.js";
import { pullRoutes } from "./pull-routes.js";
import { createThrottleWatch } from "./throttle-watch.js";

const ROUTES = [
  ...appRoutes,
  ...gitRoutes,
  ...issueRoutes,
  ...checkRoutes,
  ...actionsRoutes,
  ...pullRoutes,
];

/**
 * Decides, per request, whether GitHub fails it this time (a 5xx, a rate
 * limit): `before` it does anything, or `after` — the effect happened but the
 * answer was lost, as with a 502 from GitHub's edge.
 */
export type FaultInjector = (request: {
  method: string;
  path: string;
}) => { reply: FakeReply; when: "before" | "after" } | undefined;

export interface FakeGitHubOptions {
  appSlug?: string;
  /** A login's permission on every repository; default: `write`. */
  permissionOf?: (login: string) => string;
}

/** One request GitHub answered, with the status it answered. */
export interface SeenRequest {
  method: string;
  path: string;
  status: number;
  faulted: boolean;
}

/**
 * A stateful GitHub on 127.0.0.1 speaking the REST wire format (JSON, Link
 * paging, GitHub's error bodies), as far as QuantaPilot uses it. Every request
 * is checked against GitHub's OpenAPI description (an invalid one gets a 422
 * and is listed in `problems`); every effect is counted by its natural key in
 * `ledger`; what would send the app a webhook is queued in `events`.
 */
export async function startFakeGitHub(options: FakeGitHubOptions = {}) {
  const repos = new Map<string, FakeRepo>();
  let id = 1_000_000;
  const world: FakeWorld = {
    repo(owner, name) {
      const found = repos.get(`${owner}/${name}`.toLowerCase());
      if (!found) throw new FakeError(404, "Not Found");
      return found;
    },
    nextId: () => ++id,
    now: () => new Date().toISOString(),
    ledger: createEffectLedger(),
    events: [],
    appSlug: options.appSlug ?? "quantapilot",
    permissionOf: options.permissionOf ?? (() => "write"),
    hookDeliveries: [] as HookDelivery[],
  };
  const seen: SeenRequest[] = [];
  const problems: string[] = [];
  let inject: FaultInjector = () => undefined;
  const throttle = createThrottleWatch();

  const route = (req: FakeRequest): FakeReply => {
    for (const candidate of ROUTES) {
      const params =
        candidate.method === req.method ? matchPath(candidate.path, req.path) : undefined;
      if (params) return candidate.handle(world, { ...req, params });
    }
    return { status: 404, body: { message: `Not Found: ${req.method} ${req.path}` } };
  };

  const answer = (
    req: FakeRequest,
    headers: IncomingMessage["headers"],
  ): FakeReply & { faulted?: boolean } => {
    const body = req.raw === "" ? undefined : req.body;
    // GraphQL is not in the REST description; its one mutation is checked by its route.
    const verdict =
      req.path === "/graphql"
        ? ({ ok: true } as const)
        : validateGitHubRequest({
            method: req.method,
            url: `${req.path}?${req.query}`,
            body,
            headers,
          });
    if (!verdict.ok) {
      problems.push(...verdict.problems);
      return { status: 422, body: { message: "Invalid request", errors: verdict.problems } };
    }
    const call = callOf(req, headers);
    if (call) throttle.seen(call);
    const fault = inject({ method: req.method, path: req.path });
    if (call) throttle.answered(call, fault?.reply.headers);
    if (fault?.when === "before") return { ...fault.reply, faulted: true };
    const reply = route(req);
    return fault ? { ...fault.reply, faulted: true } : reply;
  };

  const server = createServer((request, response) => void serve(request, response));
  async function serve(request: IncomingMessage, response: ServerResponse) {
    const chunks: Buffer[] = [];
    for await (const chunk of request) chunks.push(chunk as Buffer);
    const text = Buffer.concat(chunks).toString("utf8");
    const url = new URL(request.url ?? "/", "http://github.fake");
    const req: FakeRequest = {
      method: request.method ?? "GET",
      // GHES serves REST under /api/v3 and GraphQL at /api/graphql.
      path: url.pathname.replace(/^\/api\/v3(?=\/)/, "").replace(/^\/api\/graphql$/, "/graphql"),
      query: url.searchParams,
      params: {},
      body: text ? (JSON.parse(text) as Record<string, unknown>) : {},
      raw: text,
    };
    let reply: FakeReply & { faulted?: boolean };
    try {
      reply = answer(req, request.headers);
    } catch (error) {
      const status = error instanceof FakeError ? error.status : 500;
      reply = { status, body: { message: error instanceof Error ? error.message : String(error) } };
    }
    seen.push({
      method: req.method,
      path: req.path,
      status: reply.status,
      faulted: reply.faulted === true,
    });
    if (process.env.FAKE_GITHUB_DEBUG)
      console.log(`fake github: ${Date.now() % 1000000} ${req.method} ${req.path} ${reply.status}`);
    const body = reply.body === undefined ? "" : JSON.stringify(reply.body);
    response.writeHead(reply.status, {
      "content-type": "application/json; charset=utf-8",
      ...reply.headers,
      ...(reply.headers?.link && { link: reachableLink(reply.headers.link, request) }),
    });
    response.end(body);
  }
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const port = (server.address() as AddressInfo).port;

  return {
    world,
    /** `host:port`, for GHE_HOST (with GHE_PROTOCOL=http the app calls `http://host/api/v3`). */
    host: `127.0.0.1:${port}`,
    apiUrl: `http://127.0.0.1:${port}/api/v3`,
    ledger: world.ledger,
    events: world.events,
    seen,
    problems,
    /** Calls made again sooner than their `retry-after`; `advance` it when the harness skips waits. */
    throttle,
    addRepo(owner: string, name: string, repoId: number, installationId: number): FakeRepo {
      const repo = createFakeRepo(owner, name, repoId, installationId);
      repos.set(repo.fullName.toLowerCase(), repo);
      return repo;
    },
    repos: () => [...repos.values()],
    injectFaults(injector: FaultInjector) {
      inject = injector;
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

export type FakeGitHub = Awaited<ReturnType<typeof startFakeGitHub>>;

/** Set by the life's Octokit on each call it makes; its own retries of that call keep it. */
export const CALL_HEADER = "x-life-call";

/**
 * What makes a request "the same call" for the throttling rules. A write is
 * its method, URL and body (a body names its effect). An identical read may
 * come from another effect, so a read is also its call tag: only Octokit's
 * retry of that very read is the same call. An installation token is minted
 * by Probot's auth strategy for whichever call needs one, untagged: a second
 * request for it is another call's, so it is not watched.
 */
function callOf(req: FakeRequest, headers: IncomingMessage["headers"]): string | undefined {
  if (/^\/app\/installations\/\d+\/access_tokens$/.test(req.path)) return undefined;
  const request = `${req.method} ${req.path}?${req.query} ${req.raw}`;
  return req.method === "GET" ? `${headers[CALL_HEADER] ?? ""} ${request}` : request;
}

/**
 * Routes write `Link`s on the placeholder host `github.fake` and without
 * GHES's `/api/v3`: point them back at this server as it was called, or a
 * client that follows them (Octokit's paginate) leaves for a host that
 * does not exist.
 */
function reachableLink(link: string, request: IncomingMessage): string {
  const prefix = request.url?.startsWith("/api/v3/") ? "/api/v3" : "";
  return link.replaceAll("http://github.fake", `http://${request.headers.host}${prefix}`);
}
