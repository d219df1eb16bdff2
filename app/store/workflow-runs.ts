import type { TransactionSql } from "postgres";

export interface StageRunOfWorkflow {
  id: number;
  workItemId: number;
  runNumber: number;
  open: boolean;
  hasResult: boolean;
  workflowRunId: number | null;
}

/** A stage run by its global id (the number in its workflow run's name), with its project's repo. */
export async function findStageRunForWorkflow(
  tx: TransactionSql,
  stageRunId: number,
  repoId: number,
): Promise<StageRunOfWorkflow | undefined> {
  const [row] = await tx<
    {
      id: string;
      work_item_id: string;
      run_number: number;
      open: boolean;
      has_result: boolean;
      workflow_run_id: string | null;
    }[]
  >`
    SELECT r.id, r.work_item_id, r.run_number, r.status IN ('queued', 'dispatched', 'in_progress') AS open,
      r.result IS NOT NULL AS has_result, r.workflow_run_id
    FROM stage_runs r JOIN work_items w ON w.id = r.work_item_id JOIN projects p ON p.id = w.project_id
    WHERE r.id = ${stageRunId} AND p.repo_id = ${repoId}`;
  return (
    row && {
      id: Number(row.id),
      workItemId: Number(row.work_item_id),
      runNumber: row.run_number,
      open: row.open,
      hasResult: row.has_result,
      workflowRunId: row.workflow_run_id === null ? null : Number(row.workflow_run_id),
    }
  );
}

/** Remembers which workflow run works a stage run, unless one is already bound. */
export async function linkWorkflowRun(
  tx: TransactionSql,
  stageRunId: number,
  workflowRunId: number,
): Promise<void> {
  await tx`
    UPDATE stage_runs SET workflow_run_id = ${workflowRunId}
    WHERE id = ${stageRunId} AND workflow_run_id IS NULL
      AND NOT EXISTS (SELECT 1 FROM stage_runs WHERE workflow_run_id = ${workflowRunId})`;
}
