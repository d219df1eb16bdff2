import { truncateWithNote } from "../report/truncate.js";

// Room for the rest of the summary under the check run's 65,535 characters.
const ERROR_ROOM = 60_000;

/** What people read when the outbox gives up on an effect. */
export interface DeadLetterReport {
  /** The check run's name: ≤ 20 characters would be a button; names may be longer. */
  name: string;
  title: string;
  summary: string;
}

// What each effect kind was for, in words a maintainer recognises.
const PURPOSES: Readonly<Record<string, string>> = {
  dispatch_stage: "start the stage's workflow run",
  write_result: "write the stage's result (commit, pull request, review)",
  create_check_run: "create the stage's check run",
  start_check_run: "mark the stage's check run in progress",
  complete_check_run: "complete the stage's check run",
  cancel_workflow_run: "cancel the stage's workflow run",
  merge_pr: "merge the pull request",
  update_status_comment: "update the status comment",
  reply: "post a reply",
  notify_budget_exhausted: "post the budget notice",
  create_milestone_issues: "open the milestone issues of docs/PLAN.md",
  start_next_milestone: "start the next milestone",
  start_release: "start the release",
  publish_release: "publish the GitHub release",
  open_onboarding_pr: "open the onboarding pull request",
  check_kickoff: "check whether to start the kickoff",
};

function nextStep(kind: string, effectId: number): string {
  const requeue = `An operator can run it again once the cause is fixed: \`UPDATE outbox SET status = 'pending', attempts = 0, run_after = now() WHERE id = ${effectId}\`.`;
  if (kind === "open_onboarding_pr" || kind === "check_kickoff") return requeue;
  return `Fix the cause, then comment \`/retry\` on the work item to go on. ${requeue}`;
}

/**
 * The failing check run that says an effect was given up on: what QuantaPilot
 * was trying to do, after how many attempts, GitHub's last answer, and how to
 * go on. Pure: the caller posts it.
 */
export function describeDeadLetter(
  kind: string,
  effectId: number,
  attempts: number,
  error: string,
): DeadLetterReport {
  const purpose = PURPOSES[kind] ?? `perform \`${kind}\``;
  const title = `QuantaPilot could not ${purpose}`;
  const summary = [
    `QuantaPilot tried ${attempts} ${attempts === 1 ? "time" : "times"} to ${purpose} and gave up.`,
    "**Last error:**",
    `\`\`\`\n${truncateWithNote(error.replace(/```/g, "ˋˋˋ"), ERROR_ROOM, "\n…(cut)")}\n\`\`\``,
    nextStep(kind, effectId),
  ].join("\n\n");
  return {
    name: "QuantaPilot / outbox",
    title: title.slice(0, 255),
    summary,
  };
}
