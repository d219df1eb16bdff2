import type { TransactionSql } from "postgres";
import type { DashboardOpenState } from "../core/report/dashboard-open-state.js";

/** The project whose dashboard is issue `number`, with its open state. */
export interface DashboardOwner {
  projectId: number;
  state: DashboardOpenState;
}

/**
 * The project of repository `repoId` whose recorded dashboard is issue
 * `number`, locked until the transaction ends; undefined for any other issue.
 */
export async function lockDashboardOwner(
  tx: TransactionSql,
  repoId: number,
  number: number,
): Promise<DashboardOwner | undefined> {
  const [row] = await tx<{ id: string; dashboard_closed: boolean; at: string | null }[]>`
    SELECT id, dashboard_closed,
      to_char(dashboard_state_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') AS at
    FROM projects
    WHERE repo_id = ${repoId} AND status <> 'removed' AND dashboard_issue_number = ${number}
    FOR UPDATE`;
  return row && { projectId: Number(row.id), state: { closed: row.dashboard_closed, at: row.at } };
}

/** Stores whether the dashboard is closed, and the time of that change. */
export async function saveDashboardState(
  tx: TransactionSql,
  projectId: number,
  state: DashboardOpenState,
): Promise<void> {
  await tx`
    UPDATE projects SET dashboard_closed = ${state.closed}, dashboard_state_at = ${state.at},
      updated_at = now()
    WHERE id = ${projectId}`;
}
