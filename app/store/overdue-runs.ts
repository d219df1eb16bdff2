import type { Sql, TransactionSql } from "postgres";

export interface OverdueRun {
  workItemId: number;
  runNumber: number;
  reason: string;
}

/**
 * Open stage runs past their time: never started within `startGraceMinutes`
 * of being queued, or running longer than their project's per-run minutes
 * plus the same grace. What the reconciler closes.
 */
export async function findOverdueRuns(
  sql: Sql | TransactionSql,
  startGraceMinutes: number,
): Promise<OverdueRun[]> {
  const rows = await sql<
    { work_item_id: string; run_number: number; status: string; minutes: number }[]
  >`
    SELECT r.work_item_id, r.run_number, r.status,
      coalesce((p.config -> 'budgets' -> 'stage_run' ->> 'minutes')::int, 30) AS minutes
    FROM stage_runs r JOIN work_items w ON w.id = r.work_item_id JOIN projects p ON p.id = w.project_id
    WHERE r.result IS NULL AND (
      (r.status IN ('queued', 'dispatched') AND r.created_at < now() - ${startGraceMinutes} * interval '1 minute')
      OR (r.status = 'in_progress' AND r.started_at < now() - (coalesce((p.config -> 'budgets' -> 'stage_run' ->> 'minutes')::int, 30)
            + ${startGraceMinutes}) * interval '1 minute'))
    ORDER BY r.created_at LIMIT 100`;
  return rows.map((row) => ({
    workItemId: Number(row.work_item_id),
    runNumber: row.run_number,
    reason:
      row.status === "in_progress"
        ? `The run went past its ${row.minutes}-minute limit and was stopped.`
        : `The run never started within ${startGraceMinutes} minutes of being dispatched (no runner picked it up, or the dispatch failed).`,
  }));
}
