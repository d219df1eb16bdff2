import type { Sql, TransactionSql } from "postgres";
import type { StageName } from "../../contract/config.js";
import { storedConfig } from "../config/stored-config.js";
import { workBranchName } from "../core/work-branch.js";

type Db = Sql | TransactionSql;

/** A milestone's work item: its issue and where it stands. */
export interface MilestoneItem {
  id: number;
  index: number;
  issueNumber: number | null;
  state: string;
  fresh: boolean;
}

/** The milestone work items of a kickoff, in milestone order. */
export async function listMilestoneItems(db: Db, kickoffId: number): Promise<MilestoneItem[]> {
  const rows = await db<
    {
      id: string;
      milestone_index: number;
      issue_number: number | null;
      state: string;
      fresh: boolean;
    }[]
  >`
    SELECT id, milestone_index, issue_number, state, (state = 'queued' AND last_run_number = 0) AS fresh
    FROM work_items WHERE parent_id = ${kickoffId} AND milestone_index IS NOT NULL
    ORDER BY milestone_index`;
  return rows.map((row) => ({
    id: Number(row.id),
    index: row.milestone_index,
    issueNumber: row.issue_number,
    state: row.state,
    fresh: row.fresh,
  }));
}

/** The first stage an issue runs under the project's config. */
async function firstIssueStage(db: Db, kickoffId: number): Promise<StageName> {
  const [row] = await db<{ config: unknown }[]>`
    SELECT p.config FROM work_items w JOIN projects p ON p.id = w.project_id WHERE w.id = ${kickoffId}`;
  return storedConfig(row?.config).stages.issue[0] ?? "implement";
}

/**
 * Records milestone `index` of a kickoff as a work item on its issue, queued
 * and never run. Recording it twice (a retried effect) keeps the first.
 */
export async function recordMilestoneItem(
  db: Db,
  kickoffId: number,
  index: number,
  issue: { number: number; title: string },
): Promise<void> {
  const stage = await firstIssueStage(db, kickoffId);
  await db`
    INSERT INTO work_items (project_id, kind, parent_id, milestone_index, issue_number, title, branch, stage, state)
    SELECT project_id, 'issue', id, ${index}, ${issue.number}, ${issue.title},
      ${workBranchName(issue.number, issue.title)}, ${stage}, 'queued'
    FROM work_items WHERE id = ${kickoffId}
    ON CONFLICT DO NOTHING`;
}

/** The kickoff a milestone's work item belongs to. */
export async function parentOf(db: Db, workItemId: number): Promise<number | null> {
  const [row] = await db<{ parent_id: string | null }[]>`
    SELECT parent_id FROM work_items WHERE id = ${workItemId}`;
  return row?.parent_id == null ? null : Number(row.parent_id);
}

/**
 * The release work item of a kickoff, created queued the first time it is
 * asked for (one per kickoff: a unique index holds it).
 */
export async function ensureReleaseItem(db: Db, kickoffId: number, title: string): Promise<number> {
  const [row] = await db<{ id: string }[]>`
    WITH inserted AS (
      INSERT INTO work_items (project_id, kind, parent_id, title, stage, state)
      SELECT project_id, 'release', id, ${title}, 'release', 'queued' FROM work_items WHERE id = ${kickoffId}
      ON CONFLICT (parent_id) WHERE kind = 'release' DO NOTHING
      RETURNING id)
    SELECT id FROM inserted
    UNION ALL SELECT id FROM work_items WHERE parent_id = ${kickoffId} AND kind = 'release'
    LIMIT 1`;
  if (!row) throw new Error(`Kickoff ${kickoffId} no longer exists: no release can be started`);
  return Number(row.id);
}

/** The notes the release stage wrote: its last stored result's PR title and body. */
export async function readReleaseNotes(
  db: Db,
  workItemId: number,
): Promise<{ title: string; body: string } | null> {
  const [row] = await db<{ title: string | null; body: string | null }[]>`
    SELECT result -> 'pr' ->> 'title' AS title, result -> 'pr' ->> 'body' AS body FROM stage_runs
    WHERE work_item_id = ${workItemId} AND result IS NOT NULL ORDER BY run_number DESC LIMIT 1`;
  return row ? { title: row.title ?? "", body: row.body ?? "" } : null;
}
