import type { TransactionSql } from "postgres";

/**
 * Records the repository's "automatically delete head branches" setting as a
 * webhook reported it; written only when it changed, so most deliveries
 * update no row.
 */
export async function rememberDeleteBranchOnMerge(
  tx: TransactionSql,
  repoId: number,
  deleteBranchOnMerge: boolean,
): Promise<void> {
  await tx`
    UPDATE projects SET delete_branch_on_merge = ${deleteBranchOnMerge}, updated_at = now()
    WHERE repo_id = ${repoId} AND delete_branch_on_merge IS DISTINCT FROM ${deleteBranchOnMerge}`;
}
