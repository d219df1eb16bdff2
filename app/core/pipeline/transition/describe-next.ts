import { isTerminal, type PipelineState, type WorkItem, type WorkItemState } from "../state.js";
import { projectBlocker } from "./dispatch-checks.js";

/** The first seven characters of a SHA, as GitHub shows it. */
export function shortSha(sha: string | null): string {
  return sha === null ? "(no commit)" : sha.slice(0, 7);
}

const ON_HOLD = "On hold: nothing runs or merges until /hold cancel.";

const SETTLED: Partial<Record<WorkItemState, string>> = {
  waiting_for_human: "Waiting for a person: /retry [stage], /reject <why>, or /cancel.",
  held: ON_HOLD,
  done: "Done.",
  cancelled: "Cancelled.",
  failed: "Failed.",
};

function describeApproval(item: WorkItem): string {
  if (item.approvedSha !== null && item.approvedSha === item.headSha) {
    return `Approved at ${shortSha(item.approvedSha)}.`;
  }
  return (
    `Waiting for approval of ${item.stage} at ${shortSha(item.headSha)}:` +
    " approve the PR, comment /approve, or press Approve."
  );
}

function describeActive(state: PipelineState): string {
  const { item } = state;
  if (item.state === "awaiting_approval") return describeApproval(item);
  if (item.state === "merging") return `Merging ${shortSha(item.approvedSha)}.`;
  if (item.state === "running") return `The ${item.stage} stage is running.`;
  const blocker = projectBlocker(state);
  return blocker === null ? `The ${item.stage} stage is next.` : `Waiting: ${blocker}.`;
}

/** One sentence on where the work item stands and who must act: for check runs and replies. */
export function describeNext(state: PipelineState): string {
  const { item } = state;
  if (item.held && !isTerminal(item.state)) return ON_HOLD;
  return SETTLED[item.state] ?? describeActive(state);
}
