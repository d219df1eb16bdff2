import type { TransactionSql } from "postgres";
import type { StageName } from "../../contract/config.js";
import { storedConfig } from "../config/stored-config.js";
import { freshIssueWorkItem } from "../core/pipeline/fresh-work-item.js";
import type { ProjectState } from "../core/pipeline/state.js";
import { type LoadedPipeline, type ProjectStateColumns, toProjectState } from "./pipeline-store.js";
import type { ProjectRow } from "./work-items.js";

interface Row extends ProjectStateColumns {
  id: string;
  installation_id: string;
  owner: string;
  name: string;
  config: unknown;
  repo_id: string;
  default_branch: string | null;
  work_item_id: string | null;
  reserved_id: string | null;
}

/** A repository's project, locked, and where one of its issues stands. */
export type IssueProject = { project: ProjectRow } & (
  | { workItemId: number; fresh: null }
  /** No work item yet: the id reserved for one and the project as a transition sees it. */
  | { workItemId: null; fresh: FreshSlot }
);

interface FreshSlot {
  id: number;
  state: ProjectState;
  repoId: number;
  defaultBranch: string;
}

/**
 * The project of a repository (not removed) with its issue's work item, in
 * one round trip. The project row stays locked until the transaction ends,
 * as `loadPipeline` locks it: events on one project are decided one at a
 * time. An issue with no work item yet gets an id reserved for one, so its
 * first event can be decided and its rows written in one more round trip.
 * An item another replica created while this one waited for the lock is not
 * seen (the join keeps the statement's snapshot): inserting it again fails
 * on the one-item-per-issue index and rolls back; run again (alone, after
 * its batch failed, or when redelivered), the delivery sees it.
 */
export async function findIssueProject(
  tx: TransactionSql,
  repoId: number,
  issueNumber: number,
): Promise<IssueProject | undefined> {
  const [row] = await tx<Row[]>`
    SELECT p.id, p.installation_id, p.owner, p.name, p.status AS project_status, p.config, p.repo_id,
      p.default_branch, p.budget_usd, p.spent_usd AS project_spent_usd, p.reserved_usd,
      (i.suspended_at IS NOT NULL OR i.deleted_at IS NOT NULL) AS suspended, w.id AS work_item_id,
      CASE WHEN w.id IS NULL THEN nextval(pg_get_serial_sequence('work_items', 'id')) END AS reserved_id
    FROM projects p JOIN installations i ON i.id = p.installation_id
      LEFT JOIN work_items w ON w.project_id = p.id AND w.issue_number = ${issueNumber}
    WHERE p.repo_id = ${repoId} AND p.status <> 'removed'
    FOR UPDATE OF p`;
  if (!row) return undefined;
  const project = {
    id: Number(row.id),
    installationId: Number(row.installation_id),
    owner: row.owner,
    name: row.name,
    status: row.project_status,
    config: row.config,
  };
  if (row.work_item_id !== null)
    return { project, workItemId: Number(row.work_item_id), fresh: null };
  const fresh = {
    id: Number(row.reserved_id),
    state: toProjectState(row),
    repoId: Number(row.repo_id),
    defaultBranch: row.default_branch ?? "main",
  };
  return { project, workItemId: null, fresh };
}

/** The issue an event starts a fresh work item for. */
export interface FreshIssue {
  number: number;
  title: string;
  branch: string;
  stage: StageName;
}

/** A fresh work item of the issue, as `loadPipeline` would load it once inserted. */
export function freshIssuePipeline(
  { project, fresh }: Extract<IssueProject, { workItemId: null }>,
  issue: FreshIssue,
): LoadedPipeline {
  return {
    state: {
      config: storedConfig(project.config),
      project: fresh.state,
      item: freshIssueWorkItem(fresh.id, issue.stage),
    },
    ref: {
      workItemId: fresh.id,
      installationId: project.installationId,
      owner: project.owner,
      repo: project.name,
      repoId: fresh.repoId,
      defaultBranch: fresh.defaultBranch,
      kind: "issue",
      title: issue.title,
      issueNumber: issue.number,
      prNumber: null,
      branch: issue.branch,
      headSha: null,
    },
    projectId: project.id,
    fresh: true,
  };
}
