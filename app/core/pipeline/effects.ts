import type { StageName } from "../../../contract/config.js";
import type { Feedback, Finding } from "./state.js";

/**
 * Side effects as data, written to the outbox in the transaction that stores
 * the new state. Runs are named by their number within the work item; the
 * outbox keys each effect by work item, run and kind, so performing one twice
 * does nothing twice.
 */

/** Dispatch the stage workflow; the spec is pinned to `baseSha` (null: the default branch head). */
export interface DispatchStageEffect {
  type: "dispatch_stage";
  runId: number;
  stage: StageName;
  iteration: number;
  usdCap: number;
  baseSha: string | null;
  findings: readonly Finding[];
  feedback: readonly Feedback[];
}

/** `QuantaPilot / <stage>`, queued, on the PR head (null: the base the run is pinned to). */
export interface CreateCheckRunEffect {
  type: "create_check_run";
  runId: number;
  stage: StageName;
  headSha: string | null;
}

/** The job started: the check run goes in progress. */
export interface StartCheckRunEffect {
  type: "start_check_run";
  runId: number;
}

export type CheckConclusion =
  | "success"
  | "failure"
  | "neutral"
  | "action_required"
  | "cancelled"
  | "timed_out";

/** `summary` says what happened and what comes next; the performer adds the result's details. */
export interface CompleteCheckRunEffect {
  type: "complete_check_run";
  runId: number;
  conclusion: CheckConclusion;
  summary: string;
}

export interface CancelWorkflowRunEffect {
  type: "cancel_workflow_run";
  runId: number;
}

/** Squash-merge the PR only if its head is still `expectedHeadSha`. */
export interface MergePrEffect {
  type: "merge_pr";
  expectedHeadSha: string;
}

/** Re-render the work item's one status comment. */
export interface UpdateStatusCommentEffect {
  type: "update_status_comment";
}

/**
 * Re-render the project's dashboard issue. Many of these in a burst cost one
 * edit: the store keeps at most one waiting per project.
 */
export interface UpdateDashboardEffect {
  type: "update_dashboard";
}

/** A comment on the work item explaining something that happened. */
export interface ReplyEffect {
  type: "reply";
  body: string;
}

/** After the kickoff merges: one issue per milestone of `docs/PLAN.md` at `planSha`. */
export interface CreateMilestoneIssuesEffect {
  type: "create_milestone_issues";
  planSha: string;
  /** `milestones.sequential: false`: start every milestone now, not only the first. */
  startAll: boolean;
}

/** Sequential milestones: start the next one not yet done after milestone `after`. */
export interface StartNextMilestoneEffect {
  type: "start_next_milestone";
  after: number;
}

/** The last milestone is merged: open and start the release work item. */
export interface StartReleaseEffect {
  type: "start_release";
}

/**
 * The release's work is merged (or it had nothing to commit): tag `sha`
 * (null: the default branch's head) and publish the GitHub release with the
 * release stage's notes.
 */
export interface PublishReleaseEffect {
  type: "publish_release";
  sha: string | null;
}

/** No dispatch: the run's cap does not fit what is left of the project budget. */
export interface NotifyBudgetExhaustedEffect {
  type: "notify_budget_exhausted";
  stage: StageName;
  spentUsd: number;
  reservedUsd: number;
  budgetUsd: number;
  neededUsd: number;
}

export type Effect =
  | DispatchStageEffect
  | CreateCheckRunEffect
  | StartCheckRunEffect
  | CompleteCheckRunEffect
  | CancelWorkflowRunEffect
  | MergePrEffect
  | UpdateStatusCommentEffect
  | UpdateDashboardEffect
  | ReplyEffect
  | CreateMilestoneIssuesEffect
  | StartNextMilestoneEffect
  | StartReleaseEffect
  | PublishReleaseEffect
  | NotifyBudgetExhaustedEffect;

export type EffectType = Effect["type"];
