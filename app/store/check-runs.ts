import type { Sql } from "postgres";
import type { StageName } from "../../contract/config.js";
import type { WorkItemState } from "../core/pipeline/state.js";

/** What the check-run, comment and cancel performers read about one stage run. */
export interface StageRunRecord {
  runNumber: number;
  stage: StageName;
  status: string;
  iteration: number;
  checkRunId: number | null;
  workflowRunId: number | null;
  baseSha: string | null;
  headSha: string | null;
  /** `stage_runs.result` as stored: unvalidated JSON, or null when none arrived. */
  result: unknown;
  usdCap: number;
  usdSpent: number;
  createdAt: Date;
  startedAt: Date | null;
  completedAt: Date | null;
  /** The work item now: which buttons the run's check run should offer. */
  itemState: WorkItemState;
  lastRunNumber: number;
  itemHeadSha: string | null;
  approvedSha: string | null;
}

type StageRunRow = Omit<StageRunRecord, "checkRunId" | "workflowRunId"> & {
  checkRunId: string | null;
  workflowRunId: string | null;
};

const idOrNull = (value: string | null) => (value === null ? null : Number(value));

/** Run `runNumber` of a work item, with the item's current state; undefined when unknown. */
export async function findStageRun(
  sql: Sql,
  workItemId: number,
  runNumber: number,
): Promise<StageRunRecord | undefined> {
  const [row] = await sql<StageRunRow[]>`
    SELECT r.run_number AS "runNumber", r.stage, r.status, r.iteration, r.check_run_id AS "checkRunId",
      r.workflow_run_id AS "workflowRunId", r.base_sha AS "baseSha", r.head_sha AS "headSha", r.result,
      r.usd_cap::float8 AS "usdCap", r.usd_spent::float8 AS "usdSpent", r.created_at AS "createdAt",
      r.started_at AS "startedAt", r.completed_at AS "completedAt", w.state AS "itemState",
      w.last_run_number AS "lastRunNumber", w.head_sha AS "itemHeadSha", w.approved_sha AS "approvedSha"
    FROM stage_runs r JOIN work_items w ON w.id = r.work_item_id
    WHERE r.work_item_id = ${workItemId} AND r.run_number = ${runNumber}`;
  return (
    row && {
      ...row,
      checkRunId: idOrNull(row.checkRunId),
      workflowRunId: idOrNull(row.workflowRunId),
    }
  );
}

/** Remembers the run's check run; the first id recorded wins, so a retry cannot swap it. */
export async function recordCheckRunId(
  sql: Sql,
  workItemId: number,
  runNumber: number,
  checkRunId: number,
): Promise<void> {
  await sql`
    UPDATE stage_runs SET check_run_id = coalesce(check_run_id, ${checkRunId})
    WHERE work_item_id = ${workItemId} AND run_number = ${runNumber}`;
}

/** The newest run of a work item that has a check run: where a cut comment points to. */
export async function findLatestCheckRun(
  sql: Sql,
  workItemId: number,
): Promise<{ stage: StageName; checkRunId: number } | undefined> {
  const [row] = await sql<{ stage: StageName; check_run_id: string }[]>`
    SELECT stage, check_run_id FROM stage_runs
    WHERE work_item_id = ${workItemId} AND check_run_id IS NOT NULL
    ORDER BY run_number DESC LIMIT 1`;
  return row && { stage: row.stage, checkRunId: Number(row.check_run_id) };
}

/** What the status comment lists besides the pipeline state: newest first. */
export interface StatusFacts {
  statusCommentId: number | null;
  runs: {
    runNumber: number;
    stage: StageName;
    status: string;
    usdSpent: number;
    checkRunId: number | null;
  }[];
  decisions: {
    actor: string;
    command: string;
    args: string;
    sha: string | null;
    source: string;
    at: string;
    url: string | null;
  }[];
}

type StatusFactsRow = Omit<StatusFacts, "statusCommentId"> & { status_comment_id: string | null };

/** The stored status comment id, the last `runs` runs and `decisions` accepted decisions, in one query. */
export async function readStatusFacts(
  sql: Sql,
  workItemId: number,
  { runs = 10, decisions = 10 } = {},
): Promise<StatusFacts | undefined> {
  const [row] = await sql<StatusFactsRow[]>`
    SELECT w.status_comment_id,
      (SELECT coalesce(json_agg(r ORDER BY r."runNumber" DESC), '[]') FROM (
        SELECT run_number AS "runNumber", stage, status, usd_spent::float8 AS "usdSpent", check_run_id AS "checkRunId"
        FROM stage_runs WHERE work_item_id = w.id ORDER BY run_number DESC LIMIT ${runs}) r) AS runs,
      (SELECT coalesce(json_agg(d ORDER BY d.id DESC), '[]') FROM (
        SELECT id, actor_login AS actor, command, args, sha, source, source_url AS url,
          to_char(created_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"') AS at
        FROM decisions WHERE work_item_id = w.id AND accepted ORDER BY id DESC LIMIT ${decisions}) d) AS decisions
    FROM work_items w WHERE w.id = ${workItemId}`;
  if (!row) return undefined;
  return {
    statusCommentId: idOrNull(row.status_comment_id),
    runs: row.runs,
    decisions: row.decisions,
  };
}

/**
 * Records `commentId` as the item's status comment if the stored one is still
 * `replacing` (null: none), and returns the id stored afterwards. When two
 * workers race to create the comment, the one that loses sees the winner's id.
 */
export async function claimStatusComment(
  sql: Sql,
  workItemId: number,
  commentId: number,
  replacing: number | null,
): Promise<number | null> {
  const [row] = await sql<{ status_comment_id: string | null }[]>`
    WITH claimed AS (
      UPDATE work_items SET status_comment_id = ${commentId}
      WHERE id = ${workItemId} AND status_comment_id IS NOT DISTINCT FROM ${replacing}::bigint
      RETURNING status_comment_id)
    SELECT status_comment_id FROM claimed
    UNION ALL SELECT status_comment_id FROM work_items WHERE id = ${workItemId}
    LIMIT 1`;
  return idOrNull(row?.status_comment_id ?? null);
}
