import type { Sql, TransactionSql } from "postgres";

/** A work item's pipeline state (`merging`, `done`, …), or undefined when it does not exist. */
export async function readItemState(
  sql: Sql | TransactionSql,
  workItemId: number,
): Promise<string | undefined> {
  const [row] = await sql<{ state: string }[]>`
    SELECT state FROM work_items WHERE id = ${workItemId}`;
  return row?.state;
}

/**
 * Remembers on the acknowledgement's own outbox row that its 👀 is on the
 * comment, so the attempts that follow the merge spend no request until 👍.
 */
export async function markEyesPosted(sql: Sql, effectId: number): Promise<void> {
  await sql`
    UPDATE outbox SET payload = payload || '{"eyesPosted": true}'::jsonb
    WHERE id = ${effectId} AND status = 'pending'`;
}
