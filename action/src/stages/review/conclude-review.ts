import type { AgentRun } from "../../agent/loop.js";
import type { StageProducts, StageReview } from "../stage-definition.js";
import type { ReviewNotes, Verdict } from "./review-notes.js";

const EVENTS: Record<Verdict, StageReview["event"]> = {
  approve: "APPROVE",
  request_changes: "REQUEST_CHANGES",
  comment: "COMMENT",
};

/**
 * The review the app posts, from what the reviewer said. A reviewer that
 * stopped without a verdict (a limit, a failure) gives no review: the run
 * fails with why. Each comment also becomes a finding, so a request for
 * changes reaches the developer's next run.
 */
export function concludeReview(notes: ReviewNotes, run: AgentRun): StageProducts {
  const { verdict } = notes;
  const findings = notes.comments.map(({ path, line, body, severity }) => ({
    severity,
    message: body,
    path,
    line,
  }));
  if (verdict === undefined || run.outcome !== "finished") {
    return { failure: `The reviewer gave no verdict: ${run.summary}`, findings, highlights: [] };
  }
  const review: StageReview = {
    event: EVENTS[verdict],
    body: run.summary,
    comments: notes.comments.map(({ path, line, body }) => ({ path, line, side: "RIGHT", body })),
  };
  const count = notes.comments.length;
  const highlight = `Verdict: ${verdict.replace("_", " ")}, ${count} inline ${count === 1 ? "comment" : "comments"}`;
  return { review, findings, highlights: [highlight] };
}
