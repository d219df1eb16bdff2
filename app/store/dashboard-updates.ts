import type { TransactionSql } from "postgres";
import { noteEffectsQueued } from "./outbox.js";
import { transactionScope } from "./transaction-scope.js";
import { part, type StatementPart, writeTogether } from "./write-together.js";

/** Which project's dashboard to refresh. */
export interface DashboardOf {
  projectId: number;
}

/**
 * Queues one `update_dashboard` for a project unless one is already waiting
 * that no worker has taken yet: a burst of changes costs one edit, which
 * reads the state as it is when it runs. The waiting row is locked, so a
 * worker cannot take it (SKIP LOCKED) until this change commits; a row a
 * worker already took (attempts > 0) may have read older state, so a new
 * one is queued behind it. One statement, in the change's own transaction.
 * `cause` makes the row's key unique (a delivery or event key). `delayMs`
 * (see `dashboardRedrawDelayMs`) lets the redraw wait for the rest of a
 * burst; joining a waiting redraw keeps the earlier of the two due times.
 * `force`: a person asked, so the redraw writes even a body the app wrote
 * last (their edit or tick must be overwritten); joining keeps it.
 * Asked again in the same transaction for the same project, delay and force,
 * it sends nothing: `now()` is the transaction's start, so the row it queued
 * or joined (and still holds) is already all the second ask would make it.
 */
export async function queueDashboardUpdate(
  tx: TransactionSql,
  of: DashboardOf,
  cause: string,
  options: { delayMs?: number; force?: boolean } = {},
): Promise<void> {
  await writeTogether(tx, dashboardUpdateWrites(tx, of, cause, options));
}

/**
 * `queueDashboardUpdate`'s statement as parts, to be sent with others
 * (`writeTogether`); none when this transaction asked the same already.
 */
export function dashboardUpdateWrites(
  tx: TransactionSql,
  of: DashboardOf,
  cause: string,
  { delayMs = 0, force = true }: { delayMs?: number; force?: boolean } = {},
): StatementPart[] {
  const asked = transactionScope(tx).dashboardRedraws;
  const key = `${of.projectId}:${delayMs}:${force}`;
  if (asked.has(key)) return [];
  asked.add(key);
  noteEffectsQueued(tx);
  return [
    part("dashboard_waiting")`
      SELECT o.id FROM outbox o
      WHERE o.kind = 'update_dashboard' AND o.status = 'pending' AND o.attempts = 0
        AND o.payload ->> 'projectId' = ${String(of.projectId)}
        -- Redundant, but whichever index a generic plan picks then reads this installation's
        -- pending rows only: on its own, kind = 'update_dashboard' let a plan built while the
        -- outbox was small walk the whole (installation_id, kind) index on every ask.
        AND o.installation_id = (SELECT installation_id FROM projects WHERE id = ${of.projectId})
      FOR UPDATE OF o`,
    part("dashboard_hurried")`
      UPDATE outbox SET
        run_after = least(outbox.run_after, now() + ${delayMs} * interval '1 millisecond'),
        payload = outbox.payload || jsonb_build_object('force',
          coalesce((outbox.payload ->> 'force')::boolean, true) OR ${force}::boolean)
      FROM dashboard_waiting w WHERE outbox.id = w.id
        -- Joining changes nothing most of the time (an earlier due time, force already set):
        -- then no new row version, as a burst on one project would otherwise rewrite it each time.
        AND (outbox.run_after > now() + ${delayMs} * interval '1 millisecond'
          OR (${force}::boolean AND NOT coalesce((outbox.payload ->> 'force')::boolean, true)))`,
    part("dashboard_queued")`
      INSERT INTO outbox (idempotency_key, kind, installation_id, payload, run_after)
      SELECT 'dashboard:' || p.id || ':' || ${cause}, 'update_dashboard', p.installation_id,
        jsonb_build_object('projectId', p.id, 'force', ${force}::boolean),
        now() + ${delayMs} * interval '1 millisecond'
      FROM projects p
      WHERE p.id = ${of.projectId} AND NOT EXISTS (SELECT 1 FROM dashboard_waiting)
      ON CONFLICT (idempotency_key) DO NOTHING`,
  ];
}
