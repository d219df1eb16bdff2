import type { Sql, TransactionSql } from "postgres";
import type { StageName } from "../../contract/config.js";
import { storedConfig } from "../config/stored-config.js";

/**
 * Creates the project's kickoff work item (queued, never run) unless it ever
 * had one: a project is kicked off once. Locks the project, so two kickoff
 * checks cannot both create one. Undefined: there was one already.
 */
export async function createKickoff(
  tx: TransactionSql,
  projectId: number,
  title: string,
): Promise<number | undefined> {
  const [project] = await tx<{ config: unknown; kickoffs: number }[]>`
    SELECT config, (SELECT count(*)::int FROM work_items WHERE project_id = ${projectId} AND kind = 'kickoff') AS kickoffs
    FROM projects WHERE id = ${projectId} FOR UPDATE`;
  if (!project || project.kickoffs > 0) return undefined;
  const stage: StageName = storedConfig(project.config).stages.kickoff[0] ?? "plan";
  const [row] = await tx<{ id: string }[]>`
    INSERT INTO work_items (project_id, kind, title, stage, state)
    VALUES (${projectId}, 'kickoff', ${title}, ${stage}, 'queued') RETURNING id`;
  return row && Number(row.id);
}

/** Whether the project was ever kicked off (any state). */
export async function hasKickoff(db: Sql | TransactionSql, projectId: number): Promise<boolean> {
  const [row] = await db<{ n: number }[]>`
    SELECT count(*)::int AS n FROM work_items WHERE project_id = ${projectId} AND kind = 'kickoff'`;
  return (row?.n ?? 0) > 0;
}
