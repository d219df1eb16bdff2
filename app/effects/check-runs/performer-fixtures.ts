import pino from "pino";
import type { JSONValue, Sql } from "postgres";
import { ProbotOctokit } from "probot";
import type { StageName } from "../../../contract/config.js";
import type { WorkItemState } from "../../core/pipeline/state.js";
import { loadPipeline } from "../../store/pipeline-store.js";
import type { PerformerContext } from "../performer-context.js";

/** Test data for the performers: rows seeded with plain SQL, GitHub faked with nock. */

export const REPO_PATH = "/repos/acme/app";
export const HEAD = "a".repeat(40);
export const BASE = "b".repeat(40);
export const MOVED = "c".repeat(40);
export const SLUG = "quantapilot";

/** An Octokit that fails fast: retries are the outbox's job, and tests must see every error. */
export function testOctokit(): ProbotOctokit {
  return new ProbotOctokit({
    auth: { token: "t" },
    retry: { enabled: false },
    throttle: { enabled: false },
  });
}

/** Empties the tables the performers touch, between tests of one file. */
export async function resetTables(sql: Sql): Promise<void> {
  await sql`TRUNCATE installations, projects, work_items, stage_runs, decisions, outbox RESTART IDENTITY CASCADE`;
}

export interface ItemSeed {
  kind?: "kickoff" | "issue" | "release";
  stage?: StageName;
  state?: WorkItemState;
  issueNumber?: number | null;
  prNumber?: number | null;
  branch?: string | null;
  headSha?: string | null;
  approvedSha?: string | null;
  lastRunNumber?: number;
  iteration?: number;
  spentUsd?: number;
  statusCommentId?: number | null;
  title?: string;
}

/** An active project `acme/app` (default branch main) with one work item; returns the item's id. */
export async function seedWorkItem(sql: Sql, seed: ItemSeed = {}): Promise<number> {
  await sql`INSERT INTO installations (id, account_login, account_type) VALUES (1, 'acme', 'Organization')
    ON CONFLICT (id) DO NOTHING`;
  const [project] = await sql<{ id: string }[]>`
    INSERT INTO projects (installation_id, repo_id, owner, name, default_branch, status, spent_usd)
    VALUES (1, 100, 'acme', 'app', 'main', 'active', ${seed.spentUsd ?? 0})
    ON CONFLICT (repo_id) DO UPDATE SET status = 'active' RETURNING id`;
  const [item] = await sql<{ id: string }[]>`
    INSERT INTO work_items (project_id, kind, issue_number, pr_number, title, branch, stage, state,
      iteration, head_sha, approved_sha, last_run_number, spent_usd, status_comment_id)
    VALUES (${Number(project?.id)}, ${seed.kind ?? "issue"}, ${seed.issueNumber === undefined ? 7 : seed.issueNumber},
      ${seed.prNumber === undefined ? 8 : seed.prNumber}, ${seed.title ?? "Add a login page"},
      ${seed.branch === undefined ? "quantapilot/7-add-a-login-page" : seed.branch}, ${seed.stage ?? "implement"},
      ${seed.state ?? "running"}, ${seed.iteration ?? 0}, ${seed.headSha === undefined ? HEAD : seed.headSha},
      ${seed.approvedSha ?? null}, ${seed.lastRunNumber ?? 1}, ${seed.spentUsd ?? 0}, ${seed.statusCommentId ?? null})
    RETURNING id`;
  return Number(item?.id);
}

export interface RunSeed {
  runNumber?: number;
  stage?: StageName;
  status?: string;
  checkRunId?: number | null;
  workflowRunId?: number | null;
  baseSha?: string | null;
  result?: unknown;
  usdSpent?: number;
  startedAt?: string | null;
  completedAt?: string | null;
}

/** One stage run of `workItemId`; open (`in_progress`) unless a `completedAt` closes it. */
export async function seedStageRun(
  sql: Sql,
  workItemId: number,
  seed: RunSeed = {},
): Promise<void> {
  const closed = seed.completedAt !== undefined && seed.completedAt !== null;
  const result = seed.result === undefined ? null : sql.json(seed.result as JSONValue);
  await sql`
    INSERT INTO stage_runs (work_item_id, run_number, stage, status, check_run_id, workflow_run_id, base_sha,
      result, usd_cap, usd_spent, started_at, completed_at)
    VALUES (${workItemId}, ${seed.runNumber ?? 1}, ${seed.stage ?? "implement"},
      ${seed.status ?? (closed ? "succeeded" : "in_progress")}, ${seed.checkRunId ?? null},
      ${seed.workflowRunId ?? null}, ${seed.baseSha ?? null}, ${result}, 5, ${seed.usdSpent ?? 0},
      ${seed.startedAt === undefined ? "2026-03-01T12:00:00Z" : seed.startedAt}, ${seed.completedAt ?? null})`;
}

/** What the outbox hands a performer for work item `workItemId`. */
export async function contextFor(sql: Sql, workItemId: number): Promise<PerformerContext> {
  const loaded = await sql.begin((tx) => loadPipeline(tx, workItemId));
  if (!loaded) throw new Error(`no work item ${workItemId}`);
  return {
    octokit: testOctokit(),
    sql,
    log: pino({ level: "silent" }),
    ref: loaded.ref,
    app: { slug: SLUG, publicUrl: "https://qp.example.com", audience: "quantapilot" },
  };
}
