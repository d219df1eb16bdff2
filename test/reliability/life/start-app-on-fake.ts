import { randomUUID } from "node:crypto";
import type { Octokit } from "@octokit/core";
import Bottleneck from "bottleneck";
import pino from "pino";
import { ProbotOctokit } from "probot";
import { readSettings } from "../../../app/settings.js";
import { type RunningServer, startServer } from "../../../app/start-server.js";
import { githubAppCredentials } from "../../helpers/github-app-credentials.js";
import type { LocalOidcIssuer } from "../../helpers/local-oidc-issuer.js";
import { CALL_HEADER, type FakeGitHub } from "../fake-github/fake-github.js";
import { WEBHOOK_SECRET } from "../fake-github/send-webhook.js";

export const AUDIENCE = "https://quantapilot.reliability.test";

/**
 * Probot's Octokit as production runs it — retry and throttling on, Probot's
 * own rate-limit handlers — with only the clock changed: waits of seconds
 * become milliseconds and the spacing of writes (1 s) and notifying writes
 * (3 s) is lifted. Probot passes its throttle options per instance, which
 * would replace object defaults, so these are merged into each instance's.
 * Each call is tagged (`CALL_HEADER`), so the fake GitHub can tell
 * Octokit's retry of a read from another effect's identical read.
 */
export function testFriendlyOctokit(): typeof ProbotOctokit {
  return ProbotOctokit.plugin(tagCalls).defaults((options: Record<string, unknown>) => ({
    ...options,
    retry: { ...(options.retry as object), retryAfterBaseValue: 1 },
    throttle: {
      ...(options.throttle as object),
      retryAfterBaseValue: 1,
      fallbackSecondaryRateRetryAfter: 1,
      write: new Bottleneck.Group({ maxConcurrent: 1, minTime: 0 }),
      notifications: new Bottleneck.Group({ maxConcurrent: 1, minTime: 0 }),
    },
  }));
}

// Registered after Probot's retry and throttling plugins, so it wraps them: their retries keep
// the tag. Hooks get their options bound, so the tag is set on them, not on a copy.
function tagCalls(octokit: Octokit): void {
  octokit.hook.wrap("request", (request, options) => {
    options.headers[CALL_HEADER] = randomUUID();
    return request(options);
  });
}

/**
 * The real server (in this process) against the fake GitHub and a local OIDC
 * issuer, with `testFriendlyOctokit`.
 */
export async function startAppOnFake(
  databaseUrl: string,
  github: FakeGitHub,
  issuer: LocalOidcIssuer,
): Promise<{ url: string; server: RunningServer; stop(): Promise<void> }> {
  const credentials = githubAppCredentials();
  const settings = readSettings(
    {
      APP_ID: String(credentials.appId),
      PRIVATE_KEY: credentials.privateKey,
      WEBHOOK_SECRET,
      DATABASE_URL: databaseUrl,
      PORT: "0",
      HOST: "127.0.0.1",
      GHE_HOST: github.host,
      GHE_PROTOCOL: "http",
      OIDC_ISSUER: issuer.issuer,
      OIDC_AUDIENCE: AUDIENCE,
      PUBLIC_URL: "http://127.0.0.1:1",
    },
    process.cwd(),
  );
  const Octokit = testFriendlyOctokit();
  const server = await startServer({
    settings,
    log: pino({ level: process.env.LIFE_DEBUG ? "warn" : "silent" }),
    migrationsDir: "db/migrations",
    Octokit,
    autostartWorker: false,
  });
  const url = `http://127.0.0.1:${server.port}`;
  return { url, server, stop: () => server.stop() };
}
