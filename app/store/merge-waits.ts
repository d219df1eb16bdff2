import type { TransactionSql } from "postgres";

/**
 * Merges waiting for required checks on `headSha` are due now, not at their
 * next poll: a check suite on that commit finished. Returns how many.
 */
export async function hurryWaitingMerges(
  tx: TransactionSql,
  installationId: number,
  headSha: string,
): Promise<number> {
  // One statement, so the caller need not wait for its answer before the next delivery.
  // The approvals' acknowledgements follow their merges (their ids are later), so 👍 comes right after.
  const [row] = await tx<{ hurried: number }[]>`
    WITH merges AS (
      UPDATE outbox SET run_after = now()
      WHERE kind = 'merge_pr' AND status = 'pending' AND installation_id = ${installationId}
        AND payload -> 'effect' ->> 'expectedHeadSha' = ${headSha} AND run_after > now()
      RETURNING payload ->> 'workItemId' AS work_item_id),
    acknowledgements AS (
      UPDATE outbox SET run_after = now()
      WHERE kind = 'acknowledge_merge' AND status = 'pending' AND run_after > now()
        AND payload ->> 'itemId' IN (SELECT work_item_id FROM merges))
    SELECT count(*)::int AS hurried FROM merges`;
  return row?.hurried ?? 0;
}
