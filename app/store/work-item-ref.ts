import type { Sql } from "postgres";
import type { WorkItemRef } from "../effects/work-item-ref.js";

/** Where a work item lives, read without locking: what performers need besides their effect. */
export async function readWorkItemRef(
  sql: Sql,
  workItemId: number,
): Promise<WorkItemRef | undefined> {
  const [row] = await sql<
    {
      id: string;
      installation_id: string;
      owner: string;
      name: string;
      repo_id: string;
      default_branch: string | null;
      kind: WorkItemRef["kind"];
      title: string;
      issue_number: number | null;
      pr_number: number | null;
      branch: string | null;
      head_sha: string | null;
      delete_branch_on_merge: boolean | null;
    }[]
  >`
    SELECT w.id, p.installation_id, p.owner, p.name, p.repo_id, p.default_branch, w.kind, w.title,
      w.issue_number, w.pr_number, w.branch, w.head_sha, p.delete_branch_on_merge
    FROM work_items w JOIN projects p ON p.id = w.project_id WHERE w.id = ${workItemId}`;
  return (
    row && {
      workItemId: Number(row.id),
      installationId: Number(row.installation_id),
      owner: row.owner,
      repo: row.name,
      repoId: Number(row.repo_id),
      defaultBranch: row.default_branch ?? "main",
      kind: row.kind,
      title: row.title,
      issueNumber: row.issue_number,
      prNumber: row.pr_number,
      branch: row.branch,
      headSha: row.head_sha,
      deleteBranchOnMerge: row.delete_branch_on_merge === true,
    }
  );
}
