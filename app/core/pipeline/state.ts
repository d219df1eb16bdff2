import type { QuantaPilotConfig, StageName } from "../../../contract/config.js";

/** The part of `.github/quantapilot.yml` the pipeline decides with. */
export type PipelineConfig = Pick<
  QuantaPilotConfig,
  "stages" | "gates" | "max_iterations" | "budgets" | "milestones"
>;

export type ProjectStatus = "pending" | "onboarding" | "active" | "paused" | "removed";

export interface ProjectState {
  status: ProjectStatus;
  /** An operator's cap from `projects.budget_usd`; the stricter of it and the config's wins. */
  budgetUsd: number | null;
  spentUsd: number;
  /**
   * What stage runs open on the project's *other* work items may still spend
   * (the sum of their caps). The store derives it; the core only reads it, so
   * concurrent work items cannot together overrun the budget.
   */
  reservedUsd: number;
  /** The installation is suspended: nothing is dispatched. */
  suspended: boolean;
}

export type WorkItemKind = "kickoff" | "issue" | "release";

/** `work_items.state`. The core never uses `held`: holding is the orthogonal `WorkItem.held`. */
export type WorkItemState =
  | "queued"
  | "running"
  | "awaiting_approval"
  | "merging"
  | "waiting_for_human"
  | "held"
  | "done"
  | "cancelled"
  | "failed";

export type OpenRunStatus = "queued" | "dispatched" | "in_progress";

/** The one stage run that may be open for a work item. */
export interface OpenRun {
  /** The run's number within its work item (1, 2, …), from `WorkItem.lastRunId`. */
  id: number;
  stage: StageName;
  iteration: number;
  status: OpenRunStatus;
  usdCap: number;
}

/** What a failed quality gate or a review found, handed to the next `implement`. */
export interface Finding {
  summary: string;
  path?: string;
  line?: number;
}

/** What a person said when rejecting (`/reject`, a review requesting changes). */
export interface Feedback {
  actor: string;
  body: string;
  at: string;
}

/** A milestone issue of a kickoff's plan. */
export interface Milestone {
  index: number;
  /** Milestones of the same plan not yet done, this one excluded (the store counts them). */
  remaining: number;
}

export interface WorkItem {
  id: number;
  kind: WorkItemKind;
  stage: StageName;
  state: WorkItemState;
  /** Automatic round trips back to the rework stage so far; never above `max_iterations`. */
  iteration: number;
  /** On hold: results are still recorded, but no automatic step (dispatch, merge) happens. */
  held: boolean;
  /** The work branch's head, or null before the first commit. */
  headSha: string | null;
  /** The head SHA a person (or an ungated stage) approved; void once the head moves. */
  approvedSha: string | null;
  openRun: OpenRun | null;
  /** The number of the last run opened; the next run is `lastRunId + 1`. */
  lastRunId: number;
  spentUsd: number;
  findings: readonly Finding[];
  feedback: readonly Feedback[];
  milestone: Milestone | null;
}

/** Everything one transition needs. */
export interface PipelineState {
  project: ProjectState;
  item: WorkItem;
  config: PipelineConfig;
}

export const TERMINAL_STATES: ReadonlySet<WorkItemState> = new Set(["done", "cancelled", "failed"]);

/** Whether nothing can happen to the work item any more. */
export function isTerminal(state: WorkItemState): boolean {
  return TERMINAL_STATES.has(state);
}
