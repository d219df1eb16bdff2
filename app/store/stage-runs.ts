import type { JSONValue, Sql, TransactionSql } from "postgres";

/** The statuses of a run that may still dispatch, start or report. */
export const OPEN_RUN_STATUSES: readonly string[] = ["queued", "dispatched", "in_progress"];

/** What the dispatch performer needs of a stage run and its project. */
export interface RunToDispatch {
  id: number;
  status: string;
  /** The spec as first sent; a re-dispatch sends it again, unchanged. */
  spec: unknown;
  workflowRunId: number | null;
  dispatchedAt: Date | null;
  /** Milliseconds since `dispatchedAt` on the database's clock, the one that wrote it. */
  msSinceDispatch: number | null;
  config: unknown;
}

/** Run `runNumber` of a work item, with its project's config. */
export async function findRunToDispatch(
  sql: Sql,
  workItemId: number,
  runNumber: number,
): Promise<RunToDispatch | undefined> {
  const [row] = await sql<(RunToDispatch & { workflowRunId: string | null })[]>`
    SELECT r.id::float8 AS id, r.status, r.spec, r.workflow_run_id AS "workflowRunId",
      r.dispatched_at AS "dispatchedAt", p.config,
      (extract(epoch FROM now() - r.dispatched_at) * 1000)::float8 AS "msSinceDispatch"
    FROM stage_runs r JOIN work_items w ON w.id = r.work_item_id JOIN projects p ON p.id = w.project_id
    WHERE r.work_item_id = ${workItemId} AND r.run_number = ${runNumber}`;
  return (
    row && { ...row, workflowRunId: row.workflowRunId === null ? null : Number(row.workflowRunId) }
  );
}

/** Gives the work item its branch unless it has one; returns the branch it keeps. */
export async function pinWorkBranch(sql: Sql, workItemId: number, branch: string): Promise<string> {
  const [row] = await sql<{ branch: string }[]>`
    UPDATE work_items SET branch = coalesce(branch, ${branch}) WHERE id = ${workItemId}
    RETURNING branch`;
  return row?.branch ?? branch;
}

/**
 * Committed before the dispatch request: a retry that finds `dispatched_at`
 * set knows a workflow run may exist and looks for it before dispatching
 * again. Keeps the first spec and base. Undefined when the run closed meanwhile.
 */
export async function recordDispatchIntent(
  sql: Sql,
  id: number,
  spec: { base_sha: string },
): Promise<unknown> {
  const [row] = await sql<{ spec: unknown }[]>`
    UPDATE stage_runs SET spec = coalesce(spec, ${sql.json(spec as JSONValue)}),
      base_sha = coalesce(base_sha, ${spec.base_sha}), dispatched_at = now()
    WHERE id = ${id} AND status IN ('queued', 'dispatched', 'in_progress')
    RETURNING spec`;
  return row?.spec;
}

/** A stage run as the result route sees it: its state, and the project it belongs to. */
export interface RunForResult {
  id: number;
  workItemId: number;
  runNumber: number;
  status: string;
  reason: string | null;
  hasResult: boolean;
  workflowRunId: number | null;
  installationId: number;
  owner: string;
  name: string;
  repoId: number;
  defaultBranch: string;
  config: unknown;
}

type RunForResultRow = Record<keyof RunForResult, unknown>;

function toRunForResult(row: RunForResultRow): RunForResult {
  const nullable = (value: unknown) => (value === null ? null : Number(value));
  return {
    ...(row as RunForResult),
    id: Number(row.id),
    workItemId: Number(row.workItemId),
    workflowRunId: nullable(row.workflowRunId),
    installationId: Number(row.installationId),
    repoId: Number(row.repoId),
  };
}

/**
 * Stage run `id` with its project. `lock` takes the work item, the project
 * and the run, in the order the pipeline store locks them, so an intake and
 * a webhook on the same work item queue up instead of deadlocking.
 */
export async function findRunForResult(
  sql: Sql | TransactionSql,
  id: number,
  { lock = false } = {},
): Promise<RunForResult | undefined> {
  const [row] = await sql<RunForResultRow[]>`
    SELECT r.id, r.work_item_id AS "workItemId", r.run_number AS "runNumber", r.status, r.reason,
      r.result IS NOT NULL AS "hasResult", r.workflow_run_id AS "workflowRunId",
      p.installation_id AS "installationId", p.owner, p.name, p.repo_id AS "repoId",
      coalesce(p.default_branch, 'main') AS "defaultBranch", p.config
    FROM work_items w JOIN projects p ON p.id = w.project_id JOIN stage_runs r ON r.work_item_id = w.id
    WHERE r.id = ${id}
    ${lock ? sql`FOR UPDATE OF w, p, r` : sql``}`;
  return row && toRunForResult(row);
}

/** A run whose stored result is to be written to GitHub. */
export interface RunToWrite {
  id: number;
  runNumber: number;
  status: string;
  baseSha: string | null;
  spec: unknown;
  result: unknown;
}

export async function findRunToWrite(sql: Sql, id: number): Promise<RunToWrite | undefined> {
  const [row] = await sql<(Omit<RunToWrite, "id"> & { id: string })[]>`
    SELECT id, run_number AS "runNumber", status, base_sha AS "baseSha", spec, result
    FROM stage_runs WHERE id = ${id}`;
  return row && { ...row, id: Number(row.id) };
}

/** GitHub accepted the dispatch (and, when known, this is its workflow run). */
export async function markDispatched(
  sql: Sql | TransactionSql,
  id: number,
  workflowRunId: number | null,
): Promise<void> {
  await sql`
    UPDATE stage_runs SET workflow_run_id = coalesce(workflow_run_id, ${workflowRunId}),
      status = CASE WHEN status = 'queued' THEN 'dispatched' ELSE status END
    WHERE id = ${id}`;
}

/**
 * Ties the run to the workflow run a verified token came from, unless another
 * stage run holds it. False: it is taken, so the token is not this run's.
 */
export async function bindWorkflowRun(
  tx: TransactionSql,
  id: number,
  workflowRunId: number,
): Promise<boolean> {
  const rows = await tx`
    UPDATE stage_runs SET workflow_run_id = ${workflowRunId}
    WHERE id = ${id} AND workflow_run_id IS NULL
      AND NOT EXISTS (SELECT 1 FROM stage_runs WHERE workflow_run_id = ${workflowRunId})`;
  return rows.count === 1;
}

/** Why the run ended, for the check run and the log; set after the pipeline closed it. */
export async function recordRunReason(tx: TransactionSql, id: number, reason: string) {
  await tx`UPDATE stage_runs SET reason = ${reason.slice(0, 2_000)} WHERE id = ${id}`;
}

/** The commit a written result put on the work branch. */
export async function recordRunHead(tx: TransactionSql, id: number, sha: string): Promise<void> {
  await tx`UPDATE stage_runs SET head_sha = ${sha} WHERE id = ${id}`;
}

/** The work item's PR, once opened or found. */
export async function recordPullRequest(tx: TransactionSql, workItemId: number, number: number) {
  await tx`UPDATE work_items SET pr_number = ${number}, updated_at = now()
    WHERE id = ${workItemId} AND pr_number IS DISTINCT FROM ${number}`;
}
