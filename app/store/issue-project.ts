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
  reserved_ids: string[] | null;
}

/** A repository's project, locked, and where one of its issues stands. */
export type IssueProject = { project: ProjectRow } & (
  | { workItemId: number; fresh: null }
  /** No work item yet: the id reserved for one and the project as a transition sees it. */
  | { workItemId: null; fresh: FreshSlot }
);

/** An issue of the project with no work item yet. */
export type FreshIssueProject = Extract<IssueProject, { workItemId: null }>;

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
 * its batch failed, or when redelivered), the delivery sees it. `spareIds`
 * more ids (none if not positive) are reserved with a fresh item's, for
 * items decided without a read (`LabelledProject`); they come back in `spare`.
 */
export async function findIssueProject(
  tx: TransactionSql,
  repoId: number,
  issueNumber: number,
  spareIds = 0,
): Promise<(IssueProject & { spare: number[] }) | undefined> {
  const [row] = await tx<Row[]>`
    SELECT p.id, p.installation_id, p.owner, p.name, p.status AS project_status, p.config, p.repo_id,
      p.default_branch, p.budget_usd, p.spent_usd AS project_spent_usd, p.reserved_usd,
      (i.suspended_at IS NOT NULL OR i.deleted_at IS NOT NULL) AS suspended, w.id AS work_item_id,
      CASE WHEN w.id IS NULL THEN ARRAY(SELECT nextval(pg_get_serial_sequence('work_items', 'id'))
        FROM generate_series(0, ${Math.max(0, spareIds)}::int)) END AS reserved_ids
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
    return { project, workItemId: Number(row.work_item_id), fresh: null, spare: [] };
  const [id, ...spare] = (row.reserved_ids ?? []).map(Number);
  if (id === undefined) throw new Error(`No work item id was reserved for issue #${issueNumber}`);
  const fresh = {
    id,
    state: toProjectState(row),
    repoId: Number(row.repo_id),
    defaultBranch: row.default_branch ?? "main",
  };
  return { project, workItemId: null, fresh, spare };
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
  { project, fresh }: FreshIssueProject,
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

/**
 * A project as a stage label left it, passed to the installation's next
 * delivery (`Handoff`). The row is still locked by this transaction, and
 * nothing but that label changed it since it was read, so another new issue
 * of the project can be decided on this without reading it again. Whether
 * that issue really has no work item is then left to the one-item-per-issue
 * index: if it has one, inserting another fails the batch, whose deliveries
 * are then run again one by one, each reading for itself.
 */
export class LabelledProject {
  private constructor(
    private readonly project: ProjectRow,
    private readonly slot: Omit<FreshSlot, "id">,
    /** Issues given an item along the chain of labels: those have one now. */
    private readonly issues: ReadonlySet<number>,
  ) {}

  /**
   * After `issueNumber`'s fresh item, decided on `found`, led the project to
   * `state`; `chain` is what `found` was taken from, if it was.
   */
  static after(
    found: FreshIssueProject,
    issueNumber: number,
    state: ProjectState,
    chain?: LabelledProject,
  ): LabelledProject {
    const issues = new Set(chain?.issues).add(issueNumber);
    const { repoId, defaultBranch } = found.fresh;
    return new LabelledProject(found.project, { repoId, defaultBranch, state }, issues);
  }

  /** Whether an issue of `repoId` can be decided on this: this project's, not given an item yet. */
  covers(repoId: number, issueNumber: number): boolean {
    return repoId === this.slot.repoId && !this.issues.has(issueNumber);
  }

  /** The project for a new issue it `covers`, its item to be inserted as `id`. */
  freshIssue(id: number): FreshIssueProject {
    return { project: this.project, workItemId: null, fresh: { ...this.slot, id } };
  }
}
