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
  const rows = await tx`
    UPDATE outbox SET run_after = now()
    WHERE kind = 'merge_pr' AND status = 'pending' AND installation_id = ${installationId}
      AND payload -> 'effect' ->> 'expectedHeadSha' = ${headSha} AND run_after > now()
    RETURNING id`;
  return rows.length;
}
