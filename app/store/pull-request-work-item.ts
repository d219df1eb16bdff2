import type { TransactionSql } from "postgres";

/** A work item found by its pull request, with where it lives and the head it holds. */
export interface PullRequestWorkItem {
  workItemId: number;
  headSha: string | null;
  owner: string;
  name: string;
}

/**
 * The work item a pull request of repository `repoId` belongs to (by its PR,
 * or its issue), locked until the transaction ends, in one round trip: a
 * push's order is judged against a head no other delivery can move meanwhile.
 */
export async function lockPullRequestWorkItem(
  tx: TransactionSql,
  repoId: number,
  number: number,
): Promise<PullRequestWorkItem | undefined> {
  const [row] = await tx<{ id: string; head_sha: string | null; owner: string; name: string }[]>`
    SELECT w.id, w.head_sha, p.owner, p.name
    FROM work_items w JOIN projects p ON p.id = w.project_id
    WHERE p.repo_id = ${repoId} AND p.status <> 'removed'
      AND (w.issue_number = ${number} OR w.pr_number = ${number})
    ORDER BY (w.state IN ('done', 'cancelled', 'failed')), w.id DESC
    LIMIT 1
    FOR UPDATE OF w`;
  return (
    row && { workItemId: Number(row.id), headSha: row.head_sha, owner: row.owner, name: row.name }
  );
}
