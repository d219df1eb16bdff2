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

export interface IssueWorkItem {
  projectId: number;
  issueNumber: number;
  title: string;
  stage: string;
  branch: string;
}

/** The work item of an issue, created fresh (queued, never run) the first time it is asked for. */
export async function ensureIssueWorkItem(
  tx: TransactionSql,
  item: IssueWorkItem,
): Promise<number> {
  const [row] = await tx<{ id: string }[]>`
    WITH inserted AS (
      INSERT INTO work_items (project_id, kind, issue_number, title, branch, stage, state)
      VALUES (${item.projectId}, 'issue', ${item.issueNumber}, ${item.title}, ${item.branch}, ${item.stage}, 'queued')
      ON CONFLICT (project_id, issue_number) WHERE issue_number IS NOT NULL DO NOTHING
      RETURNING id)
    SELECT id FROM inserted
    UNION ALL SELECT id FROM work_items WHERE project_id = ${item.projectId} AND issue_number = ${item.issueNumber}
    LIMIT 1`;
  if (!row) throw new Error(`Could not create the work item of issue #${item.issueNumber}`);
  return Number(row.id);
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
