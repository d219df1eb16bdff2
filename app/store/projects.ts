import type { TransactionSql } from "postgres";

export interface RepositoryRef {
  repoId: number;
  owner: string;
  name: string;
  defaultBranch: string | null;
}

/**
 * Records repositories the app may work on. A repository that was removed and
 * comes back returns to `pending`, to be onboarded again.
 */
export async function upsertProjects(
  tx: TransactionSql,
  installationId: number,
  repositories: RepositoryRef[],
): Promise<void> {
  if (repositories.length === 0) return;
  const rows = repositories.map((repo) => ({
    installation_id: installationId,
    repo_id: repo.repoId,
    owner: repo.owner,
    name: repo.name,
    default_branch: repo.defaultBranch,
  }));
  await tx`
    INSERT INTO projects ${tx(rows, "installation_id", "repo_id", "owner", "name", "default_branch")}
    ON CONFLICT (repo_id) DO UPDATE
      SET installation_id = EXCLUDED.installation_id, owner = EXCLUDED.owner, name = EXCLUDED.name,
          default_branch = coalesce(EXCLUDED.default_branch, projects.default_branch),
          status = CASE WHEN projects.status = 'removed' THEN 'pending' ELSE projects.status END,
          updated_at = now()
      -- Unchanged repositories (every repeat of an installation event) get no new row version.
      WHERE (projects.installation_id, projects.owner, projects.name, projects.status = 'removed')
        IS DISTINCT FROM (EXCLUDED.installation_id, EXCLUDED.owner, EXCLUDED.name, false)
        OR coalesce(EXCLUDED.default_branch, projects.default_branch) IS DISTINCT FROM projects.default_branch`;
}

export async function markProjectsRemoved(tx: TransactionSql, repoIds: number[]): Promise<void> {
  if (repoIds.length === 0) return;
  await tx`
    UPDATE projects SET status = 'removed', updated_at = now()
    WHERE repo_id = ANY(${repoIds}::bigint[])`;
}

export async function markInstallationProjectsRemoved(
  tx: TransactionSql,
  installationId: number,
): Promise<void> {
  await tx`
    UPDATE projects SET status = 'removed', updated_at = now()
    WHERE installation_id = ${installationId}`;
}
