import { httpStatus } from "../auth/http-status.js";
import { checksWait } from "../core/outbox/checks-wait.js";
import type { MergePrEffect } from "../core/pipeline/effects.js";
import { shortSha } from "../core/pipeline/transition/describe-next.js";
import { classifyMergeRefusal, type MergeOutcome } from "./merge-outcome.js";
import { RetryLaterError } from "./outbox-worker.js";
import type { PerformerContext } from "./performer-context.js";

/** What GitHub said, without Octokit's " - https://docs…" suffix when the body has it. */
function gitHubMessage(error: unknown): string {
  const data = (error as { response?: { data?: { message?: unknown } } }).response?.data;
  if (typeof data?.message === "string") return data.message;
  return error instanceof Error ? error.message : String(error);
}

// Only the work branch of this PR, never the default branch or a branch someone swapped in.
async function deleteWorkBranch(context: PerformerContext, headRef: string): Promise<void> {
  const { ref, octokit, log } = context;
  if (ref.branch === null || ref.branch !== headRef || ref.branch === ref.defaultBranch) return;
  try {
    await octokit.request("DELETE /repos/{owner}/{repo}/git/refs/{ref}", {
      owner: ref.owner,
      repo: ref.repo,
      ref: `heads/${ref.branch}`,
    });
  } catch (error) {
    const status = httpStatus(error);
    // 404/422: already gone (auto-delete on merge); 403: a rule protects it. The merge stands.
    if (status !== 404 && status !== 422 && status !== 403) throw error;
    log.info({ status, branch: ref.branch }, "Work branch not deleted");
  }
}

/**
 * Required checks still running: wait without spending an outbox attempt
 * (see `checksWait`), measured from `waitingSince`, until a day has passed.
 */
function waitForChecks(reason: string, waitingSince: string | undefined): { blocked: string } {
  const since = waitingSince === undefined ? Date.now() : Date.parse(waitingSince);
  const wait = checksWait(Date.now() - since);
  if (wait.kind === "give_up") return { blocked: wait.reason };
  throw new RetryLaterError(reason, wait.delayMs, { consumesAttempt: false });
}

// The squash commit's SHA, or why the merge was refused for good; throws to wait or retry.
async function squashMerge(
  context: PerformerContext,
  pullNumber: number,
  sha: string,
  waitingSince?: string,
): Promise<{ merged: string } | { blocked: string }> {
  const { owner, repo } = context.ref;
  try {
    const { data } = await context.octokit.request(
      "PUT /repos/{owner}/{repo}/pulls/{pull_number}/merge",
      { owner, repo, pull_number: pullNumber, merge_method: "squash", sha },
    );
    return { merged: data.sha };
  } catch (error) {
    const status = httpStatus(error);
    const refusal =
      status === undefined ? null : classifyMergeRefusal(status, gitHubMessage(error));
    if (refusal === null) throw error;
    if (refusal.kind === "wait" && refusal.forChecks)
      return waitForChecks(refusal.reason, waitingSince);
    if (refusal.kind === "wait") throw new RetryLaterError(refusal.reason, refusal.delayMs);
    return { blocked: refusal.reason };
  }
}

/** The fields of `GET …/pulls/{n}` a merge decides with. */
interface PullState {
  number: number;
  state: string;
  merged: boolean;
  merge_commit_sha: string | null;
  head: { sha: string; ref: string };
}

// An open PR is merged only at the approved head; anything else is said, not attempted.
async function mergeOpenPull(
  context: PerformerContext,
  pull: PullState,
  expected: string,
  waitingSince?: string,
) {
  if (pull.state === "closed") return { blocked: "the pull request was closed without merging" };
  if (pull.head.sha !== expected) {
    return {
      blocked: `the head moved to ${shortSha(pull.head.sha)} after ${shortSha(expected)} was approved`,
    };
  }
  return squashMerge(context, pull.number, expected, waitingSince);
}

/**
 * `merge_pr`: squash-merges the work item's PR only if its head is still the
 * approved SHA, through branch protection (never around it), then deletes the
 * work branch. Required checks still running: `RetryLaterError` that spends
 * no attempt, for up to a day since `waitingSince` (when the effect was
 * queued). Already merged: success. A definitive refusal is returned as
 * `blocked`.
 */
export async function mergePr(
  context: PerformerContext,
  effect: MergePrEffect,
  waitingSince?: string,
): Promise<MergeOutcome> {
  const { ref, octokit } = context;
  const { expectedHeadSha } = effect;
  if (ref.prNumber === null) {
    return { status: "blocked", expectedHeadSha, reason: "the work item has no pull request" };
  }
  const { data: pull } = await octokit.request("GET /repos/{owner}/{repo}/pulls/{pull_number}", {
    owner: ref.owner,
    repo: ref.repo,
    pull_number: ref.prNumber,
  });
  const merge = pull.merged
    ? { merged: pull.merge_commit_sha ?? expectedHeadSha }
    : await mergeOpenPull(context, pull, expectedHeadSha, waitingSince);
  if ("blocked" in merge) return { status: "blocked", expectedHeadSha, reason: merge.blocked };
  await deleteWorkBranch(context, pull.head.ref);
  const alreadyMerged = pull.merged;
  return { status: "merged", expectedHeadSha, mergeCommitSha: merge.merged, alreadyMerged };
}

/** What the integration does with an outcome: typically apply `mergeOutcomeEvent` to the item. */
export type MergeOutcomeHandler = (
  context: PerformerContext,
  outcome: MergeOutcome,
) => Promise<void>;

/**
 * `mergePr` as an outbox performer that hands every outcome to `onOutcome`,
 * so a blocked merge cannot be dropped on the floor.
 */
export function createMergePrPerformer(
  onOutcome: MergeOutcomeHandler,
): (
  context: PerformerContext,
  effect: MergePrEffect,
  origin?: { createdAt: string },
) => Promise<void> {
  return async (context, effect, origin) =>
    onOutcome(context, await mergePr(context, effect, origin?.createdAt));
}
