import type { TransactionSql } from "postgres";
import { noteEffectsQueued } from "./outbox.js";

/** Which project's dashboard to refresh: by the project, or by one of its work items. */
export type DashboardOf = { projectId: number } | { workItemId: number };

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
 */
export async function queueDashboardUpdate(
  tx: TransactionSql,
  of: DashboardOf,
  cause: string,
  { delayMs = 0, force = true }: { delayMs?: number; force?: boolean } = {},
): Promise<void> {
  noteEffectsQueued(tx);
  const project =
    "projectId" in of
      ? tx`SELECT ${of.projectId}::bigint AS id`
      : tx`SELECT project_id AS id FROM work_items WHERE id = ${of.workItemId}`;
  await tx`
    WITH project AS (${project}),
    waiting AS (
      -- A scalar subquery, not a join: the prepared (generic) plan can then look the project
      -- up in outbox_dashboard_pending_idx instead of reading every project's waiting row.
      SELECT o.id FROM outbox o
      WHERE o.kind = 'update_dashboard' AND o.status = 'pending' AND o.attempts = 0
        AND o.payload ->> 'projectId' = (SELECT id::text FROM project)
      FOR UPDATE OF o),
    hurried AS (
      UPDATE outbox SET
        run_after = least(outbox.run_after, now() + ${delayMs} * interval '1 millisecond'),
        payload = outbox.payload || jsonb_build_object('force',
          coalesce((outbox.payload ->> 'force')::boolean, true) OR ${force}::boolean)
      FROM waiting WHERE outbox.id = waiting.id
        -- Joining changes nothing most of the time (an earlier due time, force already set):
        -- then no new row version, as a burst on one project would otherwise rewrite it each time.
        AND (outbox.run_after > now() + ${delayMs} * interval '1 millisecond'
          OR (${force}::boolean AND NOT coalesce((outbox.payload ->> 'force')::boolean, true))))
    INSERT INTO outbox (idempotency_key, kind, installation_id, payload, run_after)
    SELECT 'dashboard:' || p.id || ':' || ${cause}, 'update_dashboard', p.installation_id,
      jsonb_build_object('projectId', p.id, 'force', ${force}::boolean),
      now() + ${delayMs} * interval '1 millisecond'
    FROM projects p JOIN project ON p.id = project.id
    WHERE NOT EXISTS (SELECT 1 FROM waiting)
    ON CONFLICT (idempotency_key) DO NOTHING`;
}
