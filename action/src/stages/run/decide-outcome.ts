import type { FileChange, StageOutcome } from "../../../../contract/stage-result.js";
import type { AgentRun } from "../../agent/loop.js";
import type { CollectedRefusal } from "../../changes/collect-changes.js";
import type { StageProducts } from "../stage-definition.js";
import { oneLineReason } from "./one-line-reason.js";

/** How the run ended, why, and which changes go with it. */
export interface OutcomeDecision {
  outcome: StageOutcome;
  reason: string;
  changes: FileChange[];
}

/** The inputs of the decision. */
export interface OutcomeInput {
  agent: Pick<AgentRun, "outcome" | "summary" | "limitHit">;
  products: Pick<StageProducts, "failure" | "review" | "qualityReport">;
  changes: readonly FileChange[];
  refusals: readonly CollectedRefusal[];
}

function describeRefusals(refusals: readonly CollectedRefusal[]): string {
  const shown = refusals.slice(0, 3).map((r) => (r.path ? `${r.path}: ${r.reason}` : r.reason));
  const more = refusals.length > 3 ? `; and ${refusals.length - 3} more` : "";
  return `The change set was refused, nothing is sent: ${shown.join("; ")}${more}`;
}

/**
 * Decides a run's outcome from data, never by asking a model: refused
 * changes refuse the whole set; a failed agent or a missing deliverable
 * fails; a run stopped at a limit keeps what it changed (the human gate and
 * the review see it is partial) or fails when it changed nothing; otherwise
 * changes, a review or a quality report make it succeeded, and nothing at all
 * is no_changes.
 */
export function decideOutcome(input: OutcomeInput): OutcomeDecision {
  const { agent, products, changes, refusals } = input;
  const none = (outcome: StageOutcome, reason: string) => ({
    outcome,
    reason: oneLineReason(reason),
    changes: [],
  });
  if (refusals.length > 0) return none("refused_by_guard", describeRefusals(refusals));
  if (agent.outcome === "failed") return none("failed", agent.summary);
  if (products.failure !== undefined) return none("failed", products.failure);
  if (agent.outcome === "limit") {
    if (changes.length === 0) return none("failed", agent.summary);
    const reason = `Stopped at the ${agent.limitHit ?? "stage"} limit before finishing; the changes so far are proposed. ${agent.summary}`;
    return { outcome: "succeeded", reason: oneLineReason(reason), changes: [...changes] };
  }
  const produced =
    changes.length > 0 || products.review !== undefined || products.qualityReport !== undefined;
  if (!produced) return none("no_changes", agent.summary);
  return { outcome: "succeeded", reason: oneLineReason(agent.summary), changes: [...changes] };
}
