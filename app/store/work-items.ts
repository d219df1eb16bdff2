import type { TransactionSql } from "postgres";

export interface ProjectRow {
  id: number;
  installationId: number;
  owner: string;
  name: string;
  status: string;
  config: unknown;
}

/** The project of a GitHub repository, by its id (names change, ids do not). */
export async function findProjectByRepoId(
  tx: TransactionSql,
  repoId: number,
): Promise<ProjectRow | undefined> {
  const [row] = await tx<
    {
      id: string;
      installation_id: string;
      owner: string;
      name: string;
      status: string;
      config: unknown;
    }[]
  >`
    SELECT id, installation_id, owner, name, status, config FROM projects
    WHERE repo_id = ${repoId} AND status <> 'removed'`;
  return (
    row && {
      id: Number(row.id),
      installationId: Number(row.installation_id),
      owner: row.owner,
      name: row.name,
      status: row.status,
      config: row.config,
    }
  );
}

/** The work item an issue or pull request belongs to: by its issue, or by its PR. */
export async function findWorkItemByNumber(
  tx: TransactionSql,
  projectId: number,
  number: number,
): Promise<number | undefined> {
  const [row] = await tx<{ id: string }[]>`
    SELECT id FROM work_items
    WHERE project_id = ${projectId} AND (issue_number = ${number} OR pr_number = ${number})
    ORDER BY (state IN ('done', 'cancelled', 'failed')), id DESC
    LIMIT 1`;
  return row ? Number(row.id) : undefined;
}
