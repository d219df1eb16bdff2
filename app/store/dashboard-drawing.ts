import type { Sql } from "postgres";

/**
 * Takes the project's dashboard for drawing, for `forMs` at most: false when
 * another worker holds it (its time not run out). One worker draws a project's
 * dashboard at a time, so the issue is created once and what is recorded as
 * drawn is what the issue shows. A project that is gone holds nothing: true.
 */
export async function startDrawingDashboard(
  sql: Sql,
  projectId: number,
  forMs: number,
): Promise<boolean> {
  const [row] = await sql<{ free: boolean }[]>`
    WITH taken AS (
      UPDATE projects SET dashboard_drawing_until = now() + ${forMs} * interval '1 millisecond'
      WHERE id = ${projectId}
        AND (dashboard_drawing_until IS NULL OR dashboard_drawing_until < now())
      RETURNING id)
    SELECT EXISTS (SELECT 1 FROM taken) OR NOT EXISTS (SELECT 1 FROM projects WHERE id = ${projectId})
      AS free`;
  return row?.free === true;
}

/** Lets the project's dashboard go, for the next worker to draw. */
export async function finishDrawingDashboard(sql: Sql, projectId: number): Promise<void> {
  await sql`UPDATE projects SET dashboard_drawing_until = NULL WHERE id = ${projectId}`;
}
