import type { Sql } from "postgres";
import { DASHBOARD_BURST_MS } from "../app/core/report/dashboard-redraw-delay.js";
import type { OutboxWorker } from "../app/effects/outbox-worker.js";
import type { LifeDelivery } from "../test/reliability/life/life-delivery.js";

// A dashboard redraw no worker has taken yet waits for its burst to end; every other wait is skipped.
const OTHER_WAITS = "status = 'pending' AND NOT (kind = 'update_dashboard' AND attempts = 0)";

/**
 * Whether `delivery` comes long after the one before it (beyond the
 * dashboard's burst): a person's label or approval, a job that starts or
 * reports after minutes. GitHub's own echo of what the app just did (a PR
 * opened, pushed or merged; a job's end right after its result) comes
 * within seconds, inside the burst. Deliberately conservative: a job that
 * starts within seconds of its dispatch would share its dispatch's burst.
 */
export function startsBurst(delivery: LifeDelivery): boolean {
  if (delivery.kind === "result") return true;
  const { event, payload } = delivery.hook;
  if (event === "pull_request") return false;
  return !(event === "workflow_run" && payload.action === "completed");
}

/**
 * Performs every due effect; a wait the app asked for (a retry backoff, a
 * dispatch's listing grace) is skipped by moving stored times back, as
 * `drainOutbox` does, except the dashboard's redraw waiting for its burst —
 * unless what was skipped is longer than the burst.
 */
export async function drainWithinBurst(sql: Sql, worker: OutboxWorker): Promise<void> {
  for (let pass = 0; pass < 200; pass++) {
    while ((await worker.runOnce()) > 0);
    const skipped = await skipOtherWaits(sql);
    if (skipped === undefined) return;
    if (skipped >= DASHBOARD_BURST_MS) await releaseRedraws(sql);
  }
  throw new Error("the outbox did not drain: effects keep failing");
}

/** The burst is over (time passes): the waiting redraws are performed. */
export async function endBurst(sql: Sql, worker: OutboxWorker): Promise<void> {
  await releaseRedraws(sql);
  await drainWithinBurst(sql, worker);
}

async function releaseRedraws(sql: Sql): Promise<void> {
  await sql`UPDATE outbox SET run_after = now() WHERE status = 'pending' AND kind = 'update_dashboard'`;
}

// How long was skipped (ms); undefined when nothing but the burst's redraw is pending.
async function skipOtherWaits(sql: Sql): Promise<number | undefined> {
  const [wait] = await sql<{ n: number; ms: number }[]>`
    SELECT count(*)::int AS n,
      coalesce(ceil(extract(epoch FROM max(run_after) - now()) * 1000), 0)::int AS ms
    FROM outbox WHERE ${sql.unsafe(OTHER_WAITS)}`;
  if (!wait?.n) return undefined;
  const skip = Math.max(0, wait.ms);
  await sql`UPDATE outbox SET run_after = now() WHERE ${sql.unsafe(OTHER_WAITS)}`;
  await sql`UPDATE stage_runs SET dispatched_at = dispatched_at - ${skip} * interval '1 millisecond'
    WHERE dispatched_at IS NOT NULL`;
  return skip;
}
