import pino from "pino";
import type { Sql } from "postgres";
import { ProbotOctokit } from "probot";
import { redeliverFailedDeliveries } from "../../../app/reconciler/redeliver-failed-deliveries.js";
import type { FakeGitHub } from "../fake-github/fake-github.js";
import { sendWebhook, type Webhook } from "../fake-github/send-webhook.js";
import { type LifeWorld, skipWaits } from "../life/drive-life.js";
import type { Answers, LifeDelivery } from "../life/life-delivery.js";
import { postResult } from "../life/stage-runner.js";

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** GitHub's record of deliveries no attempt of which the app accepted, and the app did not commit. */
async function outstanding(github: FakeGitHub, sql: Sql): Promise<string[]> {
  const accepted = new Set(
    github.world.hookDeliveries
      .filter((d) => d.status_code >= 200 && d.status_code < 300)
      .map((d) => d.guid),
  );
  const failed = [...new Set(github.world.hookDeliveries.map((d) => d.guid))].filter(
    (g) => !accepted.has(g),
  );
  if (failed.length === 0) return [];
  const done = await sql<
    { id: string }[]
  >`SELECT id FROM deliveries WHERE id = ANY(${failed}::text[]) AND status <> 'failed'`;
  const committed = new Set(done.map((row) => row.id));
  return failed.filter((guid) => !committed.has(guid));
}

/** Where a test steps into the life: to take a dependency down, or to watch every answer. */
export interface CrashWorldHooks {
  /** Before each delivery of a batch (`index` of `count`). */
  beforeEach?: (index: number, count: number) => Promise<void>;
  /** Every answer the app gave, each attempt of a retried result included (0: not reached). */
  onAnswer?: (delivery: LifeDelivery, status: number) => void;
  /** Before the outbox is watched: whatever the test took down must be back. */
  beforeSettle?: () => Promise<void>;
}

/**
 * A life against an app that keeps dying: webhooks GitHub could not deliver
 * come back only when the reconciler's pass (`GET /app/hook/deliveries`,
 * `POST …/attempts`, served by the fake) asks for them; the runner's result
 * POST is retried until the app gives a definitive answer, as the action does.
 * `redelivered()` counts the redeliveries the app accepted (2xx).
 */
export function crashWorld(
  base: Omit<LifeWorld, "send" | "settle">,
  appUrl: string,
  hooks: CrashWorldHooks = {},
): LifeWorld & { redelivered: () => number } {
  const { github, sql } = base;
  const sent = new Map<string, Webhook>();
  let redelivered = 0;
  const octokit = new ProbotOctokit({
    baseUrl: github.apiUrl,
    auth: { token: "app-jwt" },
    retry: { enabled: false },
    throttle: { enabled: false },
  });
  const log = pino({ level: "silent" });
  // The reconciler runs inside the app: while the app is down (restarting) nobody asks GitHub.
  const reconcile = async () => {
    const up = await fetch(`${appUrl}/readyz`).then(
      (response) => response.ok,
      () => false,
    );
    if (!up) return;
    await redeliverFailedDeliveries({
      octokit,
      sql,
      log,
      now: new Date(),
      lookbackMs: 3_600_000,
      cooldownMs: 0,
      max: 100,
    });
    for (let i = github.events.length - 1; i >= 0; i--) {
      const event = github.events[i];
      if (event?.type !== "redelivery_requested") continue;
      github.events.splice(i, 1);
      const hook = sent.get(event.deliveryId);
      if (!hook) continue;
      const status = await sendWebhook(github, appUrl, hook, { redelivery: true });
      if (status >= 200 && status < 300) redelivered++;
    }
  };
  const sendOne = async (delivery: LifeDelivery, answers: Answers) => {
    let status: number;
    if (delivery.kind === "webhook") {
      sent.set(delivery.hook.id, delivery.hook);
      status = await sendWebhook(github, appUrl, delivery.hook);
      hooks.onAnswer?.(delivery, status);
    } else {
      // The action retries a result through the app's outages until it is answered for good.
      do {
        status = (await postResult(appUrl, delivery.token, delivery.result, delivery.stageRunId))
          .status;
        hooks.onAnswer?.(delivery, status);
        if (status === 0 || status >= 500) await sleep(200);
      } while (status === 0 || status >= 500);
    }
    const key = `${delivery.kind} ${status}`;
    answers[key] = (answers[key] ?? 0) + 1;
  };
  return {
    ...base,
    redelivered: () => redelivered,
    async send(deliveries, answers) {
      for (const [index, delivery] of deliveries.entries()) {
        await hooks.beforeEach?.(index, deliveries.length);
        await sendOne(delivery, answers);
      }
    },
    async settle() {
      await hooks.beforeSettle?.();
      let left = "";
      for (let i = 0; i < 3000; i++) {
        const [pending] = await sql<
          { n: number }[]
        >`SELECT count(*)::int AS n FROM outbox WHERE status = 'pending'`;
        const lost = await outstanding(github, sql);
        if (!pending?.n && lost.length === 0) return;
        left = `${pending?.n} effects pending, ${lost.length} deliveries never accepted`;
        if (lost.length) await reconcile();
        if (i % 25 === 24) await skipWaits(sql); // backoffs end as time passes
        await sleep(200);
      }
      throw new Error(`the life did not settle in 10 minutes: ${left}`);
    },
  };
}
