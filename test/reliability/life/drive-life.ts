import type { Sql } from "postgres";
import type { OutboxWorker } from "../../../app/effects/outbox-worker.js";
import type { LocalOidcIssuer } from "../../helpers/local-oidc-issuer.js";
import type { FakeGitHub } from "../fake-github/fake-github.js";
import type { Webhook } from "../fake-github/send-webhook.js";
import { reactTo } from "./github-reactions.js";
import { approve, awaitingApproval, labelIssue, noiseFor } from "./human-steps.js";
import { type Answers, type LifeDelivery, sendAll } from "./life-delivery.js";
import type { PlannedIssue } from "./life-plan.js";
import { outstandingDeliveries, reconcilerPass } from "./reconciler-pass.js";
import { createRng } from "./rng.js";

export interface LifeWorld {
  github: FakeGitHub;
  issuer: LocalOidcIssuer;
  sql: Sql;
  /** Delivers a batch to the app, `concurrency` at a time, tallying answers. */
  send(deliveries: LifeDelivery[], answers: Answers, concurrency: number): Promise<void>;
  /** Returns once every effect the app queued is performed. */
  settle(): Promise<void>;
}

/**
 * The world of an app in this process: sent straight to it, its outbox
 * drained by hand, and webhooks it failed (GitHub failed a call its handler
 * made) redelivered by reconciler passes until every one is committed.
 */
export function inProcessWorld(
  base: Omit<LifeWorld, "send" | "settle">,
  appUrl: string,
  worker: OutboxWorker,
): LifeWorld {
  const { github, sql } = base;
  const sent = new Map<string, Webhook>();
  return {
    ...base,
    send: (deliveries, answers, concurrency) => {
      for (const d of deliveries) if (d.kind === "webhook") sent.set(d.hook.id, d.hook);
      return sendAll(github, appUrl, deliveries, answers, concurrency);
    },
    async settle() {
      for (let pass = 0; pass < 50; pass++) {
        await drainOutbox(sql, worker, (ms) => github.throttle.advance(ms));
        if ((await outstandingDeliveries(github, sql)).length === 0) return;
        await reconcilerPass(github, sql, appUrl, sent);
      }
      throw new Error(
        "webhooks the app failed were still not committed after 50 reconciler passes",
      );
    },
  };
}

/** Shuffled order and redeliveries: each delivery is sent again with `duplicateRate`, now or rounds later. */
export interface Chaos {
  seed: number;
  duplicateRate: number;
  concurrency: number;
}

export interface LifeFigures {
  rounds: number;
  unique: number;
  duplicates: number;
  sent: number;
  answers: Answers;
}

/**
 * Time passes: every wait the outbox holds (a backoff, a `retry-after`, a
 * dead worker's lease, its turn at drawing a dashboard) ends now, and stored
 * times the app measures a grace from (a dispatch's listing grace) move back
 * by as much.
 */
export async function skipWaits(sql: Sql): Promise<number> {
  const [wait] = await sql<{ ms: number }[]>`
    SELECT coalesce(ceil(extract(epoch FROM max(run_after) - now()) * 1000), 0)::int AS ms
    FROM outbox WHERE status = 'pending'`;
  const skip = Math.max(0, wait?.ms ?? 0);
  await sql`UPDATE outbox SET run_after = now() WHERE status = 'pending'`;
  await sql`UPDATE projects SET dashboard_drawing_until = NULL WHERE dashboard_drawing_until IS NOT NULL`;
  await sql`UPDATE stage_runs SET dispatched_at = dispatched_at - ${skip} * interval '1 millisecond'
    WHERE dispatched_at IS NOT NULL`;
  return skip;
}

/**
 * Performs every due effect; a wait the app asked for (a retry backoff, a
 * `retry-after`, a dispatch's listing grace) is skipped by moving the stored
 * times back, as if that long had passed (`onSkip` is told how long).
 * Throws if effects are still pending after many passes.
 */
export async function drainOutbox(
  sql: Sql,
  worker: OutboxWorker,
  onSkip: (ms: number) => void = () => {},
): Promise<void> {
  for (let pass = 0; pass < 200; pass++) {
    while ((await worker.runOnce()) > 0);
    const [left] = await sql<
      { n: number }[]
    >`SELECT count(*)::int AS n FROM outbox WHERE status = 'pending'`;
    if (!left?.n) return;
    onSkip(await skipWaits(sql));
  }
  throw new Error("the outbox did not drain: effects keep failing");
}

/**
 * Lives the planned issues through to their merge, round by round. A round
 * holds what is causally ready (a label; the job's start and result after
 * its dispatch; its end after the result; a PR's webhooks after the change;
 * an approval after the review), for every work item at once. In order: sent
 * one by one as produced. With chaos: shuffled across all items, sent
 * concurrently, each redelivered with `duplicateRate` in the same round or
 * up to three rounds later — when the work may long be done.
 */
export async function driveLife(
  world: LifeWorld,
  planned: PlannedIssue[],
  chaos?: Chaos,
): Promise<LifeFigures> {
  const rng = createRng(chaos?.seed ?? 1);
  const figures: LifeFigures = { rounds: 0, unique: 0, duplicates: 0, sent: 0, answers: {} };
  const later = new Map<number, LifeDelivery[]>();
  const approved = new Set<string>();
  let ready: LifeDelivery[] = planned.map(labelIssue);
  let noise: LifeDelivery[] = planned.flatMap(noiseFor);
  for (let round = 0; round < 200; round++) {
    const due = [...ready, ...noise, ...(later.get(round) ?? [])];
    if (due.length === 0 && [...later.keys()].every((r) => r < round)) return figures;
    figures.unique += ready.length + noise.length;
    noise = [];
    const batch = chaos
      ? withDuplicates(due, round, later, rng, chaos.duplicateRate, figures)
      : due;
    const order = chaos ? rng.shuffle(batch) : batch;
    const t0 = Date.now();
    await world.send(order, figures.answers, chaos?.concurrency ?? 1);
    const t1 = Date.now();
    figures.sent += order.length;
    figures.rounds = round + 1;
    await world.settle();
    if (process.env.LIFE_DEBUG)
      console.log(
        `round ${round}: sent ${order.length} in ${t1 - t0} ms, drained in ${Date.now() - t1} ms, ${world.github.seen.length} requests`,
      );
    ready = await nextRound(world, approved, later, round, figures);
  }
  throw new Error("the life did not end within 200 rounds");
}

function withDuplicates(
  due: LifeDelivery[],
  round: number,
  later: Map<number, LifeDelivery[]>,
  rng: ReturnType<typeof createRng>,
  rate: number,
  figures: LifeFigures,
) {
  const batch = [...due];
  for (const delivery of due) {
    if (!rng.chance(rate)) continue;
    figures.duplicates++;
    const when = round + rng.int(4);
    if (when === round) batch.push(delivery);
    else later.set(when, [...(later.get(when) ?? []), delivery]);
  }
  return batch;
}

async function nextRound(
  world: LifeWorld,
  approved: Set<string>,
  later: Map<number, LifeDelivery[]>,
  round: number,
  figures: LifeFigures,
) {
  const next: LifeDelivery[] = [];
  for (const event of world.github.events.splice(0)) {
    const { now, after } = await reactTo(world.github, world.issuer, event);
    next.push(...now);
    figures.unique += after.length;
    if (after.length) later.set(round + 2, [...(later.get(round + 2) ?? []), ...after]);
  }
  for (const item of await awaitingApproval(world.sql)) {
    const key = `${item.repo_id}#${item.issue_number}@${item.head_sha}`;
    if (approved.has(key)) continue;
    approved.add(key);
    const repo = world.github.repos().find((r) => r.id === Number(item.repo_id));
    if (!repo) continue;
    const place = {
      installationId: repo.installationId,
      repoId: repo.id,
      owner: repo.owner,
      name: repo.name,
    };
    next.push(approve(place, item.pr_number, item.head_sha, item.issue_number % 2 === 0));
  }
  return next;
}
