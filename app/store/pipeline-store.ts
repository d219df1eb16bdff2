import type { JSONValue, TransactionSql } from "postgres";
import { storedConfig } from "../config/stored-config.js";
import type { Effect } from "../core/pipeline/effects.js";
import type { PipelineEvent } from "../core/pipeline/events.js";
import type {
  OpenRun,
  PipelineState,
  WorkItemKind,
  WorkItemState,
} from "../core/pipeline/state.js";
import type { WorkItemRef } from "../effects/work-item-ref.js";
import type { OutboxEffect } from "./outbox.js";
import { part, ROWS, rowsPart, type StatementPart, writeTogether } from "./write-together.js";

export interface LoadedPipeline {
  state: PipelineState;
  ref: WorkItemRef;
  projectId: number;
  /** Not stored yet (decided on before it exists): saving inserts it. */
  fresh?: boolean;
}

interface Row extends ProjectStateColumns {
  id: string;
  project_id: string;
  kind: WorkItemKind;
  title: string;
  stage: PipelineState["item"]["stage"];
  state: WorkItemState;
  iteration: number;
  held: boolean;
  head_sha: string | null;
  approved_sha: string | null;
  last_run_number: number;
  spent_usd: string;
  findings: PipelineState["item"]["findings"];
  feedback: PipelineState["item"]["feedback"];
  issue_number: number | null;
  pr_number: number | null;
  branch: string | null;
  milestone_index: number | null;
  milestones_remaining: number;
  config: unknown;
  installation_id: string;
  owner: string;
  name: string;
  repo_id: string;
  default_branch: string | null;
  open_run: OpenRun | null;
}

/**
 * Loads one work item's pipeline state in one round trip and locks it and its
 * project until the transaction ends: events on one project are applied one
 * at a time, so budgets and milestone counts cannot be raced.
 */
export async function loadPipeline(
  tx: TransactionSql,
  workItemId: number,
): Promise<LoadedPipeline | undefined> {
  const [row] = await tx<Row[]>`
    SELECT w.*, p.status AS project_status, p.budget_usd, p.spent_usd AS project_spent_usd, p.config,
      p.installation_id, p.owner, p.name, p.repo_id, p.default_branch,
      (i.suspended_at IS NOT NULL OR i.deleted_at IS NOT NULL) AS suspended,
      -- The other items' open runs: the project's reservation (kept by a trigger on
      -- stage_runs, migration 0006) less this item's own open run.
      greatest(p.reserved_usd - coalesce((SELECT r.usd_cap FROM stage_runs r WHERE r.work_item_id = w.id
        AND r.status IN ('queued', 'dispatched', 'in_progress')), 0), 0) AS reserved_usd,
      (SELECT count(*)::int FROM work_items s WHERE w.parent_id IS NOT NULL AND s.parent_id = w.parent_id
        AND s.id <> w.id AND s.state NOT IN ('done', 'cancelled', 'failed')) AS milestones_remaining,
      (SELECT json_build_object('id', r.run_number, 'stage', r.stage, 'iteration', r.iteration,
          'status', r.status, 'usdCap', r.usd_cap::float8)
        FROM stage_runs r WHERE r.work_item_id = w.id AND r.status IN ('queued', 'dispatched', 'in_progress'))
        AS open_run
    FROM work_items w JOIN projects p ON p.id = w.project_id JOIN installations i ON i.id = p.installation_id
    WHERE w.id = ${workItemId}
    FOR UPDATE OF w, p`;
  return row && { state: toState(row), ref: toRef(row), projectId: Number(row.project_id) };
}

function toState(row: Row): PipelineState {
  return {
    config: storedConfig(row.config),
    project: toProjectState(row),
    item: {
      id: Number(row.id),
      kind: row.kind,
      stage: row.stage,
      state: row.state,
      iteration: row.iteration,
      held: row.held,
      headSha: row.head_sha,
      approvedSha: row.approved_sha,
      openRun: row.open_run,
      lastRunId: row.last_run_number,
      spentUsd: Number(row.spent_usd),
      findings: row.findings,
      feedback: row.feedback,
      milestone:
        row.milestone_index === null
          ? null
          : { index: row.milestone_index, remaining: row.milestones_remaining },
    },
  };
}

/** The columns of a project (and its installation) a transition decides with. */
export interface ProjectStateColumns {
  project_status: PipelineState["project"]["status"];
  budget_usd: string | null;
  project_spent_usd: string;
  reserved_usd: string;
  suspended: boolean;
}

export function toProjectState(row: ProjectStateColumns): PipelineState["project"] {
  return {
    status: row.project_status,
    budgetUsd: row.budget_usd === null ? null : Number(row.budget_usd),
    spentUsd: Number(row.project_spent_usd),
    reservedUsd: Number(row.reserved_usd),
    suspended: row.suspended,
  };
}

function toRef(row: Row): WorkItemRef {
  return {
    workItemId: Number(row.id),
    installationId: Number(row.installation_id),
    owner: row.owner,
    repo: row.name,
    repoId: Number(row.repo_id),
    defaultBranch: row.default_branch ?? "main",
    kind: row.kind,
    title: row.title,
    issueNumber: row.issue_number,
    prNumber: row.pr_number,
    branch: row.branch,
    headSha: row.head_sha,
  };
}

/** How a run that the event closed ended, for `stage_runs.status`. */
function closedStatus(event: PipelineEvent): string {
  if (event.type === "result_accepted") return event.outcome === "failed" ? "failed" : "succeeded";
  if (event.type === "result_refused") return "refused";
  if (event.type === "run_lost") return event.timedOut ? "timed_out" : "failed";
  return "cancelled";
}

/** A transition's writes: see `pipelineWrites`. */
export interface PipelineWrites {
  /**
   * The run it closed, when it opens the next one: sent on its own before
   * `parts`, as one statement's parts cannot see each other's changes and
   * the one-open-run index must see the old run closed.
   */
  closeFirst?: StatementPart;
  /** The rest, to be sent as one statement with the transition's other writes. */
  parts: StatementPart[];
}

/**
 * What the transition changed, as statements: the item (inserted as it ends
 * up when it was fresh), the project's spend (as a delta), its runs.
 */
export function pipelineWrites(
  tx: TransactionSql,
  loaded: LoadedPipeline,
  after: PipelineState,
  event: PipelineEvent,
): PipelineWrites {
  const before = loaded.state;
  const item = after.item;
  const findings = item.findings as unknown as JSONValue;
  const feedback = item.feedback as unknown as JSONValue;
  const { ref } = loaded;
  const parts = [
    loaded.fresh
      ? rowsPart("item", [
          {
            id: item.id,
            project_id: loaded.projectId,
            kind: item.kind,
            issue_number: ref.issueNumber,
            title: ref.title,
            branch: ref.branch,
            stage: item.stage,
            state: item.state,
            iteration: item.iteration,
            held: item.held,
            head_sha: item.headSha,
            approved_sha: item.approvedSha,
            last_run_number: item.lastRunId,
            spent_usd: item.spentUsd,
            findings,
            feedback,
          },
        ])`
    INSERT INTO work_items (id, project_id, kind, issue_number, title, branch, stage, state, iteration,
      held, head_sha, approved_sha, last_run_number, spent_usd, findings, feedback)
    OVERRIDING SYSTEM VALUE
    SELECT id, project_id, kind, issue_number, title, branch, stage, state, iteration,
      held, head_sha, approved_sha, last_run_number, spent_usd, findings, feedback
    FROM jsonb_to_recordset(${ROWS}) AS item (id bigint, project_id bigint, kind text, issue_number integer,
      title text, branch text, stage text, state text, iteration integer, held boolean, head_sha text,
      approved_sha text, last_run_number integer, spent_usd numeric, findings jsonb, feedback jsonb)`
      : part("item")`
    UPDATE work_items SET stage = ${item.stage}, state = ${item.state}, iteration = ${item.iteration},
      held = ${item.held}, head_sha = ${item.headSha}, approved_sha = ${item.approvedSha},
      last_run_number = ${item.lastRunId}, spent_usd = ${item.spentUsd},
      findings = ${tx.json(findings)}, feedback = ${tx.json(feedback)}, updated_at = now()
    WHERE id = ${item.id}`,
  ];
  const spent = after.project.spentUsd - before.project.spentUsd;
  if (spent !== 0) {
    parts.push(part("spend")`
    UPDATE projects SET spent_usd = spent_usd + ${spent}, updated_at = now() WHERE id = ${loaded.projectId}`);
  }
  const opened = after.item.openRun;
  const closed = before.item.openRun;
  if (opened && opened.id !== closed?.id) {
    const run = {
      work_item_id: item.id,
      run_number: opened.id,
      stage: opened.stage,
      iteration: opened.iteration,
      status: opened.status,
      usd_cap: opened.usdCap,
    };
    parts.push(rowsPart("run_opened", [run])`
    INSERT INTO stage_runs (work_item_id, run_number, stage, iteration, status, usd_cap)
    SELECT work_item_id, run_number, stage, iteration, status, usd_cap
    FROM jsonb_to_recordset(${ROWS}) AS run (work_item_id bigint, run_number integer, stage text,
      iteration integer, status text, usd_cap numeric)`);
  } else if (opened && closed && opened.status !== closed.status) {
    parts.push(part("run_status")`
    UPDATE stage_runs SET status = ${opened.status},
      started_at = CASE WHEN ${opened.status} = 'in_progress' THEN now() ELSE started_at END
    WHERE work_item_id = ${item.id} AND run_number = ${opened.id}`);
  }
  if (!closed || closed.id === opened?.id) return { parts };
  const close = part("run_closed")`
    UPDATE stage_runs SET status = ${closedStatus(event)}, completed_at = now()
    WHERE work_item_id = ${item.id} AND run_number = ${closed.id}`;
  return opened ? { closeFirst: close, parts } : { parts: [...parts, close] };
}

/** Sends `pipelineWrites` with `others` (statement parts of the same change), in order. */
export async function savePipeline(
  tx: TransactionSql,
  { closeFirst, parts }: PipelineWrites,
  others: readonly (StatementPart | undefined)[] = [],
): Promise<void> {
  // Sent first (postgres.js sends statements in the order they are made), in the same write.
  await Promise.all([
    closeFirst && writeTogether(tx, [closeFirst]),
    writeTogether(tx, [...parts, ...others]),
  ]);
}

/**
 * The transition's effects as outbox rows. The key names the event that
 * caused them, so the same event applied twice (a redelivery that got past
 * dedupe, a retried result) queues nothing twice.
 */
export function toOutboxEffects(
  ref: WorkItemRef,
  effects: readonly Effect[],
  eventKey: string,
): OutboxEffect[] {
  return effects.map((effect, index) => ({
    idempotencyKey: `wi:${ref.workItemId}:${eventKey}:${index}:${effect.type}`,
    kind: effect.type,
    installationId: ref.installationId,
    payload: { workItemId: ref.workItemId, effect: effect as unknown as JSONValue },
  }));
}
