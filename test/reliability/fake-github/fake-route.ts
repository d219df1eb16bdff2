import type { EffectLedger } from "./effect-ledger.js";
import type { FakeRepo } from "./fake-repo.js";

/** What GitHub answers: a status, a JSON body, headers. */
export interface FakeReply {
  status: number;
  body?: unknown;
  headers?: Record<string, string>;
}

/** Something that happened on GitHub that would send the app a webhook. */
export type FakeEvent =
  | { type: "workflow_dispatched"; repo: string; runId: number; stageRunId: number }
  | { type: "pull_opened"; repo: string; number: number }
  | { type: "pull_pushed"; repo: string; number: number; before: string; after: string }
  | { type: "pull_merged"; repo: string; number: number; sha: string }
  | { type: "redelivery_requested"; deliveryId: string };

/** A parsed request as a route sees it. */
export interface FakeRequest {
  method: string;
  path: string;
  query: URLSearchParams;
  params: Record<string, string>;
  body: Record<string, unknown>;
  /** The body as sent; empty when none was. */
  raw: string;
}

/** What every route reaches: the repositories, ids, the ledger, the event queue. */
export interface FakeWorld {
  repo(owner: string, name: string): FakeRepo;
  nextId(): number;
  now(): string;
  ledger: EffectLedger;
  events: FakeEvent[];
  appSlug: string;
  permissionOf(login: string): string;
  hookDeliveries: HookDelivery[];
}

/** One entry of `GET /app/hook/deliveries`, as GitHub lists it. */
export interface HookDelivery {
  id: number;
  guid: string;
  delivered_at: string;
  redelivery: boolean;
  duration: number;
  status: string;
  status_code: number;
  event: string;
  action: string | null;
  installation_id: number | null;
  repository_id: number | null;
}

export interface FakeRoute {
  method: string;
  /** Path with `:name` segments, matched after GHES's `/api/v3` prefix is removed. */
  path: string;
  handle(world: FakeWorld, request: FakeRequest): FakeReply;
}

/** Thrown by a route to answer with an error, as GitHub does: `{ message }`. */
export class FakeError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

/** The repository a `/repos/:owner/:repo/...` route is about. */
export function repoOf(world: FakeWorld, request: FakeRequest): FakeRepo {
  return world.repo(String(request.params.owner), String(request.params.repo));
}

/** Our hidden marker in a body (`<!-- quantapilot:... -->`), which names the effect. */
export function markerOf(body: string): string | undefined {
  return /<!-- (quantapilot:[^\s>]+) -->/.exec(body)?.[1];
}

export const ok = (body: unknown, status = 200): FakeReply => ({ status, body });

/** Compiles `:name` segments into a matcher that returns the decoded params. */
export function matchPath(pattern: string, path: string): Record<string, string> | undefined {
  const names: string[] = [];
  const source = pattern.replace(/:(\w+)(\*)?/g, (_m, name: string, rest?: string) => {
    names.push(name);
    return rest ? "(.+)" : "([^/]+)";
  });
  const found = new RegExp(`^${source}$`).exec(path);
  if (!found) return undefined;
  return Object.fromEntries(names.map((name, i) => [name, decodeURIComponent(found[i + 1] ?? "")]));
}
