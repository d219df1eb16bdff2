import pino from "pino";
import type { Sql } from "postgres";
import { ProbotOctokit } from "probot";
import { redeliverFailedDeliveries } from "../../../app/reconciler/redeliver-failed-deliveries.js";
import type { FakeGitHub } from "../fake-github/fake-github.js";
import type { FakeEvent } from "../fake-github/fake-route.js";
import { sendWebhook, type Webhook } from "../fake-github/send-webhook.js";

/** How often the app's reconciler runs (`createReconciler`'s default interval). */
export const RECONCILER_INTERVAL_MS = 5 * 60_000;

/** Deliveries GitHub logged that no attempt got accepted for and the app did not commit. */
export async function outstandingDeliveries(github: FakeGitHub, sql: Sql): Promise<string[]> {
  const log = github.world.hookDeliveries;
  const accepted = new Set(
    log.filter((d) => d.status_code >= 200 && d.status_code < 300).map((d) => d.guid),
  );
  const failed = [...new Set(log.map((d) => d.guid))].filter((guid) => !accepted.has(guid));
  if (failed.length === 0) return [];
  const done = await sql<{ id: string }[]>`
    SELECT id FROM deliveries WHERE id = ANY(${failed}::text[]) AND status <> 'failed'`;
  const committed = new Set(done.map((row) => row.id));
  return failed.filter((guid) => !committed.has(guid));
}

/**
 * One pass of the app's reconciler over webhook deliveries, as production
 * runs it every few minutes: the time until that pass is fast-forwarded on
 * GitHub's clock, the app's own `redeliverFailedDeliveries` asks GitHub (the
 * fake, faults and all) for redeliveries, and GitHub sends what was asked,
 * with the original delivery id. Returns how many were redelivered.
 */
export async function reconcilerPass(
  github: FakeGitHub,
  sql: Sql,
  appUrl: string,
  sent: ReadonlyMap<string, Webhook>,
): Promise<number> {
  github.throttle.advance(RECONCILER_INTERVAL_MS);
  const octokit = new ProbotOctokit({
    baseUrl: github.apiUrl,
    auth: { token: "app-jwt" },
    retry: { enabled: false },
    throttle: { enabled: false },
  });
  await redeliverFailedDeliveries({
    octokit,
    sql,
    log: pino({ level: "silent" }),
    now: new Date(),
    lookbackMs: 3_600_000,
    // Every pass is, on the app's clock, one interval after the last: past any cooldown.
    cooldownMs: 0,
    max: 100,
  }).catch(() => 0); // GitHub failed the pass (an injected fault): the next pass retries
  let redelivered = 0;
  const asked = github.events.filter(
    (e): e is Extract<FakeEvent, { type: "redelivery_requested" }> =>
      e.type === "redelivery_requested",
  );
  for (const event of asked) {
    github.events.splice(github.events.indexOf(event), 1);
    const hook = sent.get(event.deliveryId);
    if (hook) {
      await sendWebhook(github, appUrl, hook, { redelivery: true });
      redelivered++;
    }
  }
  return redelivered;
}
