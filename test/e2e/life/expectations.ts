import { expect } from "vitest";
import { decodeStageSpec, type StageSpec } from "../../../contract/stage-spec.js";
import type { SentRequest } from "./fake-github.js";
import type { Life } from "./life-bed.js";

/** `METHOD /path` of each request, the form the life's expectations are written in. */
export function lines(requests: SentRequest[]): string[] {
  return requests.map((r) => `${r.method} ${r.path}`);
}

/** The one request `METHOD /path` among `requests`; fails when there is not exactly one. */
export function only(requests: SentRequest[], line: string): SentRequest {
  const found = requests.filter((r) => `${r.method} ${r.path}` === line);
  expect(found, `exactly one ${line}`).toHaveLength(1);
  return found[0] as SentRequest;
}

/**
 * The stage spec of the one `workflow_dispatch` among `requests`, decoded as
 * the action decodes it (so it must be valid), on the default branch.
 */
export function expectDispatch(
  requests: SentRequest[],
  expected: Record<string, unknown>,
): StageSpec {
  const dispatch = only(requests, "POST /actions/workflows/quantapilot.yml/dispatches");
  const body = dispatch.body as { ref: string; inputs: { spec: string } };
  expect(body.ref).toBe("main");
  expect(Object.keys(body.inputs)).toEqual(["spec"]);
  const decoded = decodeStageSpec(body.inputs.spec);
  if (!decoded.ok) throw new Error(`invalid spec: ${JSON.stringify(decoded.errors)}`);
  expect(decoded.spec).toMatchObject(expected);
  return decoded.spec;
}

/** Every effect the outbox holds was performed: none pending, none dead. */
export async function expectOutboxSettled(life: Life) {
  const left = await life.db
    .sql`SELECT kind, status, last_error FROM outbox WHERE status <> 'done'`;
  expect(left).toEqual([]);
}

/** The work item's row, as the life checks it. */
export async function workItem(life: Life, id: number) {
  const [row] = await life.db.sql`
    SELECT kind, issue_number, pr_number, branch, stage, state, iteration, head_sha, approved_sha,
      last_run_number, jsonb_array_length(findings) AS findings, spent_usd
    FROM work_items WHERE id = ${id}`;
  return row;
}

/** The work item's stage runs in order. */
export async function stageRuns(life: Life, workItemId: number) {
  return life.db.sql`
    SELECT id::int, run_number, stage, iteration, status, base_sha, head_sha,
      check_run_id IS NOT NULL AS has_check_run, workflow_run_id IS NOT NULL AS has_workflow_run
    FROM stage_runs WHERE work_item_id = ${workItemId} ORDER BY run_number`;
}

/** The kinds of effects queued after outbox row `afterId`, in order, with their status. */
export async function outboxAfter(life: Life, afterId: number) {
  const rows = await life.db.sql<{ id: string; kind: string; status: string }[]>`
    SELECT id, kind, status FROM outbox WHERE id > ${afterId} ORDER BY id`;
  return rows.map((row) => `${row.kind}:${row.status}`);
}

/** The id of the newest outbox row (0 when empty), to look at what a step queued. */
export async function lastOutboxId(life: Life): Promise<number> {
  const [row] = await life.db.sql<{ id: string | null }[]>`SELECT max(id) AS id FROM outbox`;
  return Number(row?.id ?? 0);
}

/** The open stage run of a work item: its id and stage. */
export async function openRun(life: Life, workItemId: number) {
  const [row] = await life.db.sql<{ id: string; stage: string }[]>`
    SELECT id, stage FROM stage_runs
    WHERE work_item_id = ${workItemId} AND status IN ('queued', 'dispatched', 'in_progress')`;
  if (!row) throw new Error(`work item ${workItemId} has no open stage run`);
  return { id: Number(row.id), stage: row.stage };
}
