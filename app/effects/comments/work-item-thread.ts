import type { WorkItemRef } from "../work-item-ref.js";

/**
 * The issue or pull request where a work item talks to people: its issue, or
 * for a kickoff (which has no issue) its pull request. Null until it has one.
 */
export function workItemThread(ref: WorkItemRef): number | null {
  if (ref.kind === "kickoff") return ref.prNumber;
  return ref.issueNumber ?? ref.prNumber;
}
