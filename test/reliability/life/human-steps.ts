import { randomUUID } from "node:crypto";
import type { Sql } from "postgres";
import type { LifeDelivery } from "./life-delivery.js";
import type { PlannedIssue } from "./life-plan.js";
import { commentCreated, issueLabeled, type Place, reviewSubmitted, starred } from "./payloads.js";

export const MAINTAINER = { login: "maintainer-1" };
/** Has read permission only (the fake answers `read` for logins starting with "visitor"). */
export const VISITOR = { login: "visitor-1" };

let commentIds = 90_000_000;

const hook = (event: string, payload: Record<string, unknown>): LifeDelivery => ({
  kind: "webhook",
  hook: { id: randomUUID(), event, payload },
});

/** A maintainer labels the issue: the work item starts. */
export function labelIssue(issue: PlannedIssue): LifeDelivery {
  return hook("issues", issueLabeled(issue.place, issue, "quantapilot:implement", MAINTAINER));
}

/**
 * Traffic that must change no pipeline state, whatever the order: chatter,
 * a command inside a quote, a command from a reader (refused with a reply),
 * `/status` (answered once), a label that starts nothing, a star.
 */
export function noiseFor(issue: PlannedIssue): LifeDelivery[] {
  const { place, number } = issue;
  const comment = (text: string, by = MAINTAINER) =>
    hook("issue_comment", commentCreated(place, number, text, by, ++commentIds));
  return [
    comment("Thanks, looking forward to it."),
    comment("> /approve\nAs the docs say, quoted commands do nothing.\n```\n/cancel\n```"),
    comment("/approve", VISITOR),
    comment("/status"),
    hook("issues", issueLabeled(place, issue, "bug", MAINTAINER)),
    hook("star", starred(place, VISITOR)),
  ];
}

/** Items waiting for a person's approval, as the status comment tells them, with the head to approve. */
export async function awaitingApproval(sql: Sql) {
  return sql<{ repo_id: string; issue_number: number; pr_number: number; head_sha: string }[]>`
    SELECT p.repo_id, w.issue_number, w.pr_number, w.head_sha
    FROM work_items w JOIN projects p ON p.id = w.project_id
    WHERE w.state = 'awaiting_approval' AND w.approved_sha IS NULL AND w.pr_number IS NOT NULL`;
}

/** The maintainer approves the PR's head: by an approving review, or by `/approve` on the PR. */
export function approve(
  place: Place,
  pr: number,
  headSha: string,
  byReview: boolean,
): LifeDelivery {
  if (byReview) {
    const review = { id: ++commentIds, state: "approved", commitId: headSha };
    return hook("pull_request_review", reviewSubmitted(place, pr, review, MAINTAINER));
  }
  return hook(
    "issue_comment",
    commentCreated(place, pr, `/approve ${headSha}`, MAINTAINER, ++commentIds, true),
  );
}
