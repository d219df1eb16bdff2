import type { StageName } from "../../../contract/config.js";
import type { Finding } from "./state.js";

/** Every event says when it happened (ISO 8601): the core never reads a clock. */
interface At {
  now: string;
}

/** A person's decision: who made it. */
interface By extends At {
  actor: string;
}

/** A stage label, or the kickoff after onboarding: start a fresh work item. */
export interface StartEvent extends At {
  type: "start";
  /** Where to start; the first configured stage of the item's kind when absent. */
  stage?: StageName;
}

/** `workflow_run.in_progress` for the open run. */
export interface RunStartedEvent extends At {
  type: "run_started";
  runId: number;
}

/**
 * A stage result was verified, stored, validated and written (its commit is
 * on the work branch, `headSha`), or had nothing to write.
 */
export interface ResultAcceptedEvent extends At {
  type: "result_accepted";
  runId: number;
  outcome: "succeeded" | "failed" | "no_changes";
  reason?: string;
  usd: number;
  headSha?: string;
  /** The test stage's quality gate; anything but `true` fails it. */
  gatePassed?: boolean;
  /** The review stage's verdict; anything but `approve` requests changes. */
  reviewVerdict?: "approve" | "request_changes";
  findings: readonly Finding[];
}

/** A result the app would not write (protected path, secret, over a limit). */
export interface ResultRefusedEvent extends At {
  type: "result_refused";
  runId: number;
  reason: string;
  usd: number;
}

/** The workflow ended without a result, or the reconciler timed the run out. */
export interface RunLostEvent extends At {
  type: "run_lost";
  runId: number;
  reason: string;
  timedOut: boolean;
}

/** `/approve [sha]`, an approving review, the Approve button. No SHA: the current head. */
export interface ApproveEvent extends By {
  type: "approve";
  sha?: string;
}

/** `/approve cancel`. */
export interface UnapproveEvent extends By {
  type: "unapprove";
}

/** `/reject <why>`, a review requesting changes. */
export interface RejectEvent extends By {
  type: "reject";
  feedback: string;
}

/** `/retry [stage]`, the check run's Re-run or Retry. */
export interface RetryEvent extends By {
  type: "retry";
  stage?: StageName;
}

export interface HoldEvent extends By {
  type: "hold";
}

/** `/hold cancel`. */
export interface UnholdEvent extends By {
  type: "unhold";
}

export interface CancelEvent extends By {
  type: "cancel";
}

/** The project can dispatch again (installation unsuspended, project reactivated). */
export interface ResumeEvent extends At {
  type: "resume";
}

/** A push moved the PR head. `treeUnchanged`: same tree as before (a rebase-free re-commit). */
export interface HeadPushedEvent extends At {
  type: "head_pushed";
  sha: string;
  treeUnchanged: boolean;
}

/** The work item's PR was merged (by the app, or by hand). */
export interface MergedEvent extends At {
  type: "merged";
  sha: string;
}

/** GitHub refused the merge for good: conflicts, failing required checks, a SHA mismatch. */
export interface MergeBlockedEvent extends At {
  type: "merge_blocked";
  /** The head the refused merge expected (`merge_pr.expectedHeadSha`): a stale refusal is ignored. */
  expectedHeadSha: string;
  reason: string;
}

export type PipelineEvent =
  | StartEvent
  | RunStartedEvent
  | ResultAcceptedEvent
  | ResultRefusedEvent
  | RunLostEvent
  | ApproveEvent
  | UnapproveEvent
  | RejectEvent
  | RetryEvent
  | HoldEvent
  | UnholdEvent
  | CancelEvent
  | ResumeEvent
  | HeadPushedEvent
  | MergedEvent
  | MergeBlockedEvent;

export type PipelineEventType = PipelineEvent["type"];
