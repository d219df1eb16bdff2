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
  const rows = await tx<{ work_item_id: string }[]>`
    UPDATE outbox SET run_after = now()
    WHERE kind = 'merge_pr' AND status = 'pending' AND installation_id = ${installationId}
      AND payload -> 'effect' ->> 'expectedHeadSha' = ${headSha} AND run_after > now()
    RETURNING payload ->> 'workItemId' AS work_item_id`;
  if (rows.length === 0) return 0;
  // The approvals' acknowledgements follow their merges (their ids are later), so 👍 comes right after.
  await tx`
    UPDATE outbox SET run_after = now()
    WHERE kind = 'acknowledge_merge' AND status = 'pending' AND run_after > now()
      AND payload ->> 'itemId' = ANY(${rows.map((row) => row.work_item_id)}::text[])`;
  return rows.length;
}
