import type { CheckConclusion } from "../pipeline/effects.js";
import type { WorkItemState } from "../pipeline/state.js";

/** The `identifier`s a `check_run.requested_action` delivery carries back. */
export const CHECK_RUN_ACTION = { approve: "approve", retry: "retry" } as const;
export type CheckRunActionId = (typeof CHECK_RUN_ACTION)[keyof typeof CHECK_RUN_ACTION];

/** A button on a completed check run; GitHub allows 3, label ≤ 20, description ≤ 40, identifier ≤ 20. */
export interface CheckRunAction {
  label: string;
  description: string;
  identifier: CheckRunActionId;
}

const APPROVE: CheckRunAction = {
  label: "Approve",
  description: "Approve this stage at its head commit",
  identifier: CHECK_RUN_ACTION.approve,
};

const RETRY: CheckRunAction = {
  label: "Retry",
  description: "Run this stage again",
  identifier: CHECK_RUN_ACTION.retry,
};

/** What the buttons depend on, read when the check run is completed. */
export interface ActionInputs {
  conclusion: CheckConclusion;
  /** The work item's state now. */
  itemState: WorkItemState;
  /** Whether this is the work item's latest run: older check runs get no buttons. */
  latestRun: boolean;
  /** Whether the item's head is already approved. */
  approved: boolean;
}

/**
 * *Approve* while the item waits for approval, *Retry* when the run failed or
 * was refused and a person must decide. A button that could only be refused
 * is not shown; the handler still checks every press against the policy.
 */
export function chooseCheckRunActions(input: ActionInputs): CheckRunAction[] {
  if (!input.latestRun) return [];
  const actions: CheckRunAction[] = [];
  if (input.itemState === "awaiting_approval" && !input.approved) actions.push(APPROVE);
  if (input.itemState === "waiting_for_human" && input.conclusion !== "success") {
    actions.push(RETRY);
  }
  return actions.slice(0, 3);
}
