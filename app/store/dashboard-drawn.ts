import type { Sql } from "postgres";

/**
 * What the app last wrote to the project's dashboard issue, as
 * `<issue number>:<body digest>` (see `dashboardDrawnKey`); null when unknown.
 */
export async function readDashboardDrawn(sql: Sql, projectId: number): Promise<string | null> {
  const [row] = await sql<{ drawn: string | null }[]>`
    SELECT dashboard_drawn AS drawn FROM projects WHERE id = ${projectId}`;
  return row?.drawn ?? null;
}

/**
 * Records that the body with `bodyDigest` was just written to the dashboard
 * issue recorded now (whichever the write ended on: the one it edited, found
 * again or created); unknown (null) when no issue is recorded.
 */
export async function recordDashboardDrawn(
  sql: Sql,
  projectId: number,
  bodyDigest: string,
): Promise<void> {
  await sql`
    UPDATE projects SET dashboard_drawn = dashboard_issue_number || ':' || ${bodyDigest}
    WHERE id = ${projectId}`;
}
