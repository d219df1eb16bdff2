import type { Sql } from "postgres";

/** The row being performed and the payload field naming what it renders (a work item, a project). */
export interface SupersedeScope {
  id: number;
  kind: string;
  field: "workItemId" | "projectId";
  value: number;
}

/**
 * True when a later effect of the same kind for the same subject is still
 * pending. Such effects render the state as it is when performed, never as
 * their transition left it, so the later one shows everything this one would:
 * one edit instead of two when a transition follows another (an approval,
 * then its merge). A done or dead-lettered later row does not count.
 */
export async function isSuperseded(sql: Sql, scope: SupersedeScope): Promise<boolean> {
  const [row] = await sql<{ later: boolean }[]>`
    SELECT EXISTS (
      SELECT 1 FROM outbox
      WHERE kind = ${scope.kind} AND status = 'pending' AND id > ${scope.id}
        AND payload->>${scope.field} = ${String(scope.value)}
    ) AS later`;
  return row?.later === true;
}
