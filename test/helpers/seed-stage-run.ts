import type { JSONValue, Sql } from "postgres";
import type { DispatchStageEffect } from "../../app/core/pipeline/effects.js";
import type { WorkItemRef } from "../../app/effects/work-item-ref.js";
import { applyPipelineEvent } from "../../app/pipeline/apply-pipeline-event.js";
import { loadPipeline } from "../../app/store/pipeline-store.js";
import type { QuantaPilotConfigInput, StageName } from "../../contract/config.js";

/** The repository every seeded work item lives in (the local OIDC issuer's default). */
export const SEEDED_REPO = {
  installationId: 77,
  repoId: 1296269,
  owner: "octo-org",
  name: "octo-repo",
};

export interface SeedOptions {
  kind?: "issue" | "kickoff";
  issueNumber?: number | null;
  title?: string;
  branch?: string | null;
  stage?: StageName;
  config?: QuantaPilotConfigInput;
}

export interface SeededRun {
  workItemId: number;
  stageRunId: number;
  /** The run's number within its work item (what pipeline events call `runId`). */
  runNumber: number;
  /** The dispatch_stage effect the start queued. */
  dispatch: DispatchStageEffect;
}

async function seedProject(sql: Sql, config: QuantaPilotConfigInput | undefined): Promise<number> {
  const { installationId, repoId, owner, name } = SEEDED_REPO;
  await sql`INSERT INTO installations (id, account_login, account_type)
    VALUES (${installationId}, ${owner}, 'Organization') ON CONFLICT (id) DO NOTHING`;
  const json = config === undefined ? null : sql.json(config as JSONValue);
  const [row] = await sql<{ id: string }[]>`
    INSERT INTO projects (installation_id, repo_id, owner, name, default_branch, status, config)
    VALUES (${installationId}, ${repoId}, ${owner}, ${name}, 'main', 'active', ${json})
    ON CONFLICT (repo_id) DO UPDATE SET config = EXCLUDED.config, status = 'active'
    RETURNING id`;
  return Number(row?.id);
}

/**
 * An active project and a work item started through the real pipeline, so
 * its first stage run exists (queued) with the dispatch_stage it queued.
 */
export async function seedStageRun(sql: Sql, options: SeedOptions = {}): Promise<SeededRun> {
  const projectId = await seedProject(sql, options.config);
  const kind = options.kind ?? "issue";
  const issueNumber =
    options.issueNumber === undefined ? (kind === "issue" ? 12 : null) : options.issueNumber;
  const [item] = await sql<{ id: string }[]>`
    INSERT INTO work_items (project_id, kind, issue_number, title, branch, stage, state)
    VALUES (${projectId}, ${kind}, ${issueNumber}, ${options.title ?? "Add a login page"},
      ${options.branch === undefined ? null : options.branch}, ${options.stage ?? (kind === "kickoff" ? "plan" : "implement")}, 'queued')
    RETURNING id`;
  const workItemId = Number(item?.id);
  const now = new Date().toISOString();
  const event = { type: "start" as const, now, ...(options.stage && { stage: options.stage }) };
  await sql.begin((tx) => applyPipelineEvent(tx, workItemId, event, "seed"));
  const [run] = await sql<{ id: string; run_number: number }[]>`
    SELECT id, run_number FROM stage_runs WHERE work_item_id = ${workItemId}`;
  const [queued] = await sql<{ payload: { effect: DispatchStageEffect } }[]>`
    SELECT payload FROM outbox WHERE kind = 'dispatch_stage' AND payload->>'workItemId' = ${String(workItemId)}`;
  if (!run || !queued) throw new Error("the start did not open a stage run");
  return {
    workItemId,
    stageRunId: Number(run.id),
    runNumber: run.run_number,
    dispatch: queued.payload.effect,
  };
}

/** Where the work item lives on GitHub, as the outbox hands it to a performer. */
export async function workItemRef(sql: Sql, workItemId: number): Promise<WorkItemRef> {
  const loaded = await sql.begin((tx) => loadPipeline(tx, workItemId));
  if (!loaded) throw new Error(`no work item ${workItemId}`);
  return loaded.ref;
}
