import type { Sql, TransactionSql } from "postgres";
import type { DashboardDecision, DashboardItem } from "../core/report/dashboard-view.js";

/** What the dashboard shows, with where the project lives and its issue, if known. */
export interface DashboardFacts {
  projectId: number;
  owner: string;
  name: string;
  /** `projects.status`: a removed project's repository is out of the app's reach. */
  status: string;
  /** `projects.config` as stored: the performer validates it. */
  config: unknown;
  capUsd: number | null;
  spentUsd: number;
  issueNumber: number | null;
  /** What the app last wrote to that issue (`projects.dashboard_drawn`, see `dashboardDrawnKey`). */
  drawn: string | null;
  /** A person closed the dashboard issue: it is not redrawn until reopened. */
  closed: boolean;
  items: DashboardItem[];
  decisions: DashboardDecision[];
}

type Row = Omit<DashboardFacts, "projectId" | "capUsd" | "spentUsd"> & {
  id: string;
  budget_usd: string | null;
  spent_usd: string;
};

/**
 * Everything the dashboard of a project shows, in one statement: open work
 * items (up to `open`), the `finished` latest finished ones, and the
 * `decisions` latest accepted decisions. Undefined when the project is gone.
 */
export async function readDashboardFacts(
  sql: Sql,
  projectId: number,
  { open = 300, finished = 10, decisions = 15 } = {},
): Promise<DashboardFacts | undefined> {
  const [row] = await sql<Row[]>`
    WITH items AS (
      SELECT w.id, w.kind, w.title, w.stage, w.state, w.held, w.iteration,
        coalesce(w.pr_number, w.issue_number) AS number, w.head_sha AS "headSha",
        w.approved_sha AS "approvedSha", w.last_run_number AS "lastRunNumber",
        w.spent_usd::float8 AS "spentUsd", w.updated_at,
        w.state NOT IN ('done', 'cancelled', 'failed') AS open,
        (SELECT json_build_object('stage', r.stage, 'id', r.check_run_id) FROM stage_runs r
          WHERE r.work_item_id = w.id AND r.check_run_id IS NOT NULL
          ORDER BY r.run_number DESC LIMIT 1) AS "checkRun"
      FROM work_items w WHERE w.project_id = ${projectId}),
    shown AS (
      (SELECT * FROM items WHERE open ORDER BY id LIMIT ${open})
      UNION ALL (SELECT * FROM items WHERE NOT open ORDER BY updated_at DESC LIMIT ${finished}))
    SELECT p.id, p.owner, p.name, p.status, p.config, p.budget_usd, p.spent_usd,
      p.dashboard_issue_number AS "issueNumber", p.dashboard_drawn AS drawn,
      p.dashboard_closed AS closed,
      (SELECT coalesce(json_agg(s ORDER BY s.open DESC, s.id), '[]') FROM (
        SELECT id, kind, title, stage, state, held, iteration, number, "headSha", "approvedSha",
          "lastRunNumber", "spentUsd", "checkRun", open FROM shown) s) AS items,
      (SELECT coalesce(json_agg(d ORDER BY d.id DESC), '[]') FROM (
        SELECT d.id, d.actor_login AS actor, d.command, d.args, d.sha, d.source, d.source_url AS url,
          coalesce(w.pr_number, w.issue_number) AS number,
          to_char(d.created_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"') AS at
        FROM decisions d JOIN work_items w ON w.id = d.work_item_id
        WHERE w.project_id = ${projectId} AND d.accepted ORDER BY d.id DESC LIMIT ${decisions}) d) AS decisions
    FROM projects p WHERE p.id = ${projectId}`;
  if (!row) return undefined;
  const { id, budget_usd, spent_usd, ...rest } = row;
  return {
    ...rest,
    projectId: Number(id),
    capUsd: budget_usd === null ? null : Number(budget_usd),
    spentUsd: Number(spent_usd),
  };
}

/** The dashboard issue recorded for the project now (null: none, or the project is gone). */
export async function recordedDashboardIssue(sql: Sql, projectId: number): Promise<number | null> {
  const [row] = await sql<{ n: number | null }[]>`
    SELECT dashboard_issue_number AS n FROM projects WHERE id = ${projectId}`;
  return row?.n ?? null;
}

/**
 * Records `issueNumber` as the project's dashboard if the stored one is still
 * `replacing` (null: none) and returns the number stored afterwards: when two
 * workers both create one, the loser learns the winner's.
 */
export async function claimDashboardIssue(
  sql: Sql,
  projectId: number,
  issueNumber: number,
  replacing: number | null,
): Promise<number | null> {
  const [row] = await sql<{ n: number | null }[]>`
    WITH claimed AS (
      UPDATE projects SET dashboard_issue_number = ${issueNumber}
      WHERE id = ${projectId} AND dashboard_issue_number IS NOT DISTINCT FROM ${replacing}::integer
      RETURNING dashboard_issue_number AS n)
    SELECT n FROM claimed
    UNION ALL SELECT dashboard_issue_number AS n FROM projects WHERE id = ${projectId}
    LIMIT 1`;
  return row?.n ?? null;
}

/** The latest run number of each of `ids` that belongs to project `projectId`. */
export async function readTickedItems(
  tx: TransactionSql,
  projectId: number,
  ids: readonly number[],
): Promise<Map<number, { lastRunNumber: number }>> {
  if (ids.length === 0) return new Map();
  const rows = await tx<{ id: string; last_run_number: number }[]>`
    SELECT id, last_run_number FROM work_items WHERE project_id = ${projectId} AND id = ANY(${ids as number[]})`;
  return new Map(rows.map((row) => [Number(row.id), { lastRunNumber: row.last_run_number }]));
}

/**
 * Records that the body with `bodyDigest` was just written to the dashboard
 * issue recorded now (whichever the write ended on: the one it edited, found
 * again or created); unknown (null) when no issue is recorded.
 */
export async function recordDashboardDrawn(
  sql: Sql,
  projectId: number,
  bodyDigest: string,
): Promise<void> {
  await sql`
    UPDATE projects SET dashboard_drawn = dashboard_issue_number || ':' || ${bodyDigest}
    WHERE id = ${projectId}`;
}
