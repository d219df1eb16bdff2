import { httpStatus } from "../auth/http-status.js";
import { checksWait } from "../core/outbox/checks-wait.js";
import type { MergePrEffect } from "../core/pipeline/effects.js";
import { shortSha } from "../core/pipeline/transition/describe-next.js";
import { retryAfterMs } from "../github/retry-after-ms.js";
import { classifyMergeRefusal, type MergeOutcome } from "./merge-outcome.js";
import { RetryLaterError } from "./outbox-worker.js";
import type { PerformerContext } from "./performer-context.js";

/** What GitHub said, without Octokit's " - https://docs…" suffix when the body has it. */
function gitHubMessage(error: unknown): string {
  const data = (error as { response?: { data?: { message?: unknown } } }).response?.data;
  if (typeof data?.message === "string") return data.message;
  return error instanceof Error ? error.message : String(error);
}

// GitHub's secondary limits answer 403 with `retry-after` and a message naming the limit.
function isRateLimit(error: unknown): boolean {
  return retryAfterMs(error) !== undefined || /rate limit/i.test(gitHubMessage(error));
}

/**
 * Only the item's work branch (a PR's head branch cannot be changed), never
 * the default branch; and not when the repository deletes merged head
 * branches itself (GitHub would answer 422 to a request that did nothing).
 */
async function deleteWorkBranch(context: PerformerContext): Promise<void> {
  const { ref, octokit, log } = context;
  if (ref.branch === null || ref.branch === ref.defaultBranch) return;
  if (ref.deleteBranchOnMerge === true) return;
  try {
    await octokit.request("DELETE /repos/{owner}/{repo}/git/refs/{ref}", {
      owner: ref.owner,
      repo: ref.repo,
      ref: `heads/${ref.branch}`,
    });
  } catch (error) {
    const status = httpStatus(error);
    // 404/422: already gone (auto-delete on merge); 403: a rule protects it. The merge stands.
    // A 403 that asks us to wait is a secondary rate limit, not a rule: thrown, so the retry
    // (which finds the PR merged) deletes the branch instead of leaving it behind for good.
    const refused = status === 404 || status === 422 || (status === 403 && !isRateLimit(error));
    if (!refused) throw error;
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

/** The fields of `GET …/pulls/{n}` a refused merge is explained with. */
interface PullState {
  state: string;
  merged: boolean;
  merge_commit_sha: string | null;
  head: { sha: string };
}

// Why the PR cannot be merged at the approved head, or null when it could (or already was).
function refusalFrom(pull: PullState, expected: string): string | null {
  if (pull.merged) return null;
  if (pull.state === "closed") return "the pull request was closed without merging";
  if (pull.head.sha !== expected) {
    return `the head moved to ${shortSha(pull.head.sha)} after ${shortSha(expected)} was approved`;
  }
  return null;
}

/**
 * A merge GitHub refused for good is read once to tell why in a person's
 * words, and to recognise a PR an earlier attempt (or a person) merged.
 */
async function explainRefusal(
  context: PerformerContext,
  pullNumber: number,
  expected: string,
  refusal: string,
): Promise<MergeOutcome> {
  const { owner, repo } = context.ref;
  const { data: pull } = await context.octokit.request(
    "GET /repos/{owner}/{repo}/pulls/{pull_number}",
    { owner, repo, pull_number: pullNumber },
  );
  if (pull.merged) {
    await deleteWorkBranch(context);
    const mergeCommitSha = pull.merge_commit_sha ?? expected;
    return { status: "merged", expectedHeadSha: expected, mergeCommitSha, alreadyMerged: true };
  }
  const reason = refusalFrom(pull, expected) ?? refusal;
  return { status: "blocked", expectedHeadSha: expected, reason };
}

/**
 * `merge_pr`: squash-merges the work item's PR only if its head is still the
 * approved SHA (the merge carries it: GitHub refuses with 409 when the head
 * moved, so no read comes first), through branch protection (never around
 * it), then deletes the work branch unless GitHub does. Required checks still running:
 * `RetryLaterError` that spends no attempt, for up to a day since
 * `waitingSince` (when the effect was queued). A refusal is read back once:
 * already merged is success, anything else is returned as `blocked`.
 */
export async function mergePr(
  context: PerformerContext,
  effect: MergePrEffect,
  waitingSince?: string,
): Promise<MergeOutcome> {
  const { ref } = context;
  const { expectedHeadSha } = effect;
  if (ref.prNumber === null) {
    return { status: "blocked", expectedHeadSha, reason: "the work item has no pull request" };
  }
  const merge = await squashMerge(context, ref.prNumber, expectedHeadSha, waitingSince);
  if ("blocked" in merge) {
    return explainRefusal(context, ref.prNumber, expectedHeadSha, merge.blocked);
  }
  await deleteWorkBranch(context);
  return { status: "merged", expectedHeadSha, mergeCommitSha: merge.merged, alreadyMerged: false };
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
