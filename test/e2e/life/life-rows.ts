import type { Life } from "./life-bed.js";

/** One stage run as the life's expectations need it: its ids on GitHub and its SHAs. */
export interface RunRow {
  id: number;
  runNumber: number;
  stage: string;
  status: string;
  checkRunId: number | null;
  baseSha: string | null;
  headSha: string | null;
}

/** Stage run `runNumber` of work item `workItemId`. */
export async function runRow(life: Life, workItemId: number, runNumber: number): Promise<RunRow> {
  const [row] = await life.db.sql<
    {
      id: string;
      stage: string;
      status: string;
      check_run_id: string | null;
      base_sha: string | null;
      head_sha: string | null;
    }[]
  >`SELECT id, stage, status, check_run_id, base_sha, head_sha FROM stage_runs
    WHERE work_item_id = ${workItemId} AND run_number = ${runNumber}`;
  if (!row) throw new Error(`work item ${workItemId} has no run ${runNumber}`);
  return {
    id: Number(row.id),
    runNumber,
    stage: row.stage,
    status: row.status,
    checkRunId: row.check_run_id === null ? null : Number(row.check_run_id),
    baseSha: row.base_sha,
    headSha: row.head_sha,
  };
}

/** The work item's status comment and the project's dashboard issue, as recorded. */
export async function threadIds(life: Life, workItemId: number) {
  const [row] = await life.db.sql<{ comment: string | null; dashboard: number | null }[]>`
    SELECT w.status_comment_id AS comment, p.dashboard_issue_number AS dashboard
    FROM work_items w JOIN projects p ON p.id = w.project_id WHERE w.id = ${workItemId}`;
  return { statusComment: Number(row?.comment ?? 0), dashboard: Number(row?.dashboard ?? 0) };
}

/** The work item's row, in the columns the life checks. */
export async function itemRow(life: Life, id: number) {
  const [row] = await life.db.sql`
    SELECT kind, issue_number, pr_number, branch, stage, state, iteration, head_sha, approved_sha,
      last_run_number
    FROM work_items WHERE id = ${id}`;
  return row;
}

/** `stage:status` of each of the work item's runs, in order. */
export async function runStatuses(life: Life, workItemId: number): Promise<string[]> {
  const rows = await life.db.sql<{ stage: string; status: string }[]>`
    SELECT stage, status FROM stage_runs WHERE work_item_id = ${workItemId} ORDER BY run_number`;
  return rows.map((row) => `${row.stage}:${row.status}`);
}
