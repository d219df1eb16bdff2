import type { MergeBlockedEvent, MergedEvent } from "../core/pipeline/events.js";

/**
 * What `merge_pr` did, for the caller to feed back into the pipeline
 * (`mergeOutcomeEvent`). Waiting for required checks is neither: the
 * performer throws `RetryLaterError` and the outbox tries again later.
 */
export type MergeOutcome =
  | {
      status: "merged";
      expectedHeadSha: string;
      /** The squash commit on the base branch (a kickoff's plan is read from it). */
      mergeCommitSha: string;
      /** Someone (a person, an earlier attempt) had merged it already. */
      alreadyMerged: boolean;
    }
  | { status: "blocked"; expectedHeadSha: string; reason: string };

/** How to take a merge GitHub refused: wait and try again, or tell a person. */
export type MergeRefusal =
  | { kind: "wait"; reason: string; delayMs: number; forChecks: boolean }
  | { kind: "blocked"; reason: string };

// Required checks usually take minutes; asking every few seconds would only burn rate limit.
export const WAIT_FOR_CHECKS_MS = 2 * 60_000;
// The base moved under the merge, or another merge is in flight: worth a quick second try.
export const WAIT_FOR_BASE_MS = 15_000;

const PENDING_CHECKS = /\bchecks?\b.*\b(expected|pending|in progress)\b/i;
const TRANSIENT = /base branch was modified|merge already in progress/i;

/**
 * Sorts GitHub's answer to `PUT …/merge`: 405 with required checks still
 * expected or pending waits; a moved base or a merge in flight retries soon;
 * any other 405, a 409 (the head moved), a 422 (merge method not allowed) or
 * a 403 (not permitted) is definitive. Null: not a refusal (5xx, rate limits).
 */
export function classifyMergeRefusal(status: number, message: string): MergeRefusal | null {
  const said = message.trim().replace(/\.$/, "");
  if (status === 405 && TRANSIENT.test(said)) {
    return { kind: "wait", reason: said, delayMs: WAIT_FOR_BASE_MS, forChecks: false };
  }
  if (status === 405 && PENDING_CHECKS.test(said)) {
    const reason = `waiting for required checks: ${said}`;
    return { kind: "wait", reason, delayMs: WAIT_FOR_CHECKS_MS, forChecks: true };
  }
  if (status === 409) return { kind: "blocked", reason: `the head moved (GitHub: ${said})` };
  if (status === 403 && /rate limit/i.test(said)) return null;
  if ([403, 405, 422].includes(status))
    return { kind: "blocked", reason: `GitHub refused it: ${said}` };
  return null;
}

/** The pipeline event a merge outcome becomes. */
export function mergeOutcomeEvent(
  outcome: MergeOutcome,
  now: string,
): MergedEvent | MergeBlockedEvent {
  if (outcome.status === "merged") return { type: "merged", sha: outcome.mergeCommitSha, now };
  const { expectedHeadSha, reason } = outcome;
  return { type: "merge_blocked", expectedHeadSha, reason, now };
}
