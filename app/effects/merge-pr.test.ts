import { beforeEach, describe, expect, it } from "vitest";
import type { TestDatabase } from "../../test/helpers/database.js";
import type { GitHubNock } from "../../test/helpers/github-nock.js";
import { usePerformerTestBed } from "../../test/helpers/performer-test-bed.js";
import { readWorkItemRef } from "../store/work-item-ref.js";
import {
  contextFor,
  HEAD,
  MOVED,
  REPO_PATH,
  seedWorkItem,
} from "./check-runs/performer-fixtures.js";
import { type MergeOutcome, WAIT_FOR_CHECKS_MS } from "./merge-outcome.js";
import { createMergePrPerformer, mergePr } from "./merge-pr.js";
import { RetryLaterError } from "./outbox-worker.js";

const bed = usePerformerTestBed();
let db: TestDatabase;
let github: GitHubNock;
beforeEach(() => {
  ({ db, github } = bed);
});

const MERGE_SHA = "e".repeat(40);
const BRANCH = "quantapilot/7-add-a-login-page";
const PULL = `${REPO_PATH}/pulls/8`;
const REF = `${REPO_PATH}/git/refs/heads%2Fquantapilot%2F7-add-a-login-page`;
const effect = { type: "merge_pr", expectedHeadSha: HEAD } as const;
const merging = async (patch = {}) =>
  contextFor(db.sql, await seedWorkItem(db.sql, { state: "merging", approvedSha: HEAD, ...patch }));

function pullIs(state: "open" | "closed", merged: boolean, head = HEAD) {
  github.get(PULL).reply(200, {
    number: 8,
    state,
    merged,
    merge_commit_sha: merged ? MERGE_SHA : null,
    head: { sha: head, ref: BRANCH },
  });
}
const mergeRefused = (status: number, message: string) =>
  github
    .put(`${PULL}/merge`)
    .reply(status, { message, documentation_url: "https://docs.github.com" });

describe("mergePr", () => {
  it("squash-merges at the approved SHA with no read first, deletes the branch, and is a no-op the second time", async () => {
    const context = await merging();
    github
      .put(`${PULL}/merge`)
      .reply(200, { sha: MERGE_SHA, merged: true, message: "Pull Request successfully merged" });
    github.delete(REF).reply(204);
    const first = await mergePr(context, effect);
    mergeRefused(405, "Pull Request is not mergeable");
    pullIs("closed", true);
    github.delete(REF).reply(422, { message: "Reference does not exist" });
    const second = await mergePr(context, effect);
    expect(first).toEqual({
      status: "merged",
      expectedHeadSha: HEAD,
      mergeCommitSha: MERGE_SHA,
      alreadyMerged: false,
    });
    expect(second).toEqual({ ...first, alreadyMerged: true });
    const put = {
      method: "PUT",
      path: `${PULL}/merge`,
      body: { merge_method: "squash", sha: HEAD },
    };
    expect(github.requests().map((r) => r.method)).toEqual([
      "PUT",
      "DELETE",
      "PUT",
      "GET",
      "DELETE",
    ]);
    expect(github.requests().filter((r) => r.method === "PUT")).toEqual([put, put]);
    github.expectDone();
  });

  it("leaves the branch to GitHub when the repository deletes merged head branches, on a retry too", async () => {
    const context = await merging();
    await db.sql`UPDATE projects SET delete_branch_on_merge = true`;
    // What the outbox hands the performer: the item's place, read with the project's setting.
    const ref = await readWorkItemRef(db.sql, context.ref.workItemId);
    if (!ref) throw new Error("the work item is gone");
    expect(ref.deleteBranchOnMerge).toBe(true);
    github
      .put(`${PULL}/merge`)
      .reply(200, { sha: MERGE_SHA, merged: true, message: "Pull Request successfully merged" });
    const first = await mergePr({ ...context, ref }, effect);
    mergeRefused(405, "Pull Request is not mergeable");
    pullIs("closed", true);
    const again = await mergePr({ ...context, ref }, effect);
    expect([first.status, again.status]).toEqual(["merged", "merged"]);
    expect(github.requests().map((r) => r.method)).toEqual(["PUT", "PUT", "GET"]);
    github.expectDone();
  });

  it("waits for required checks that are still expected, without deleting anything", async () => {
    const context = await merging();
    mergeRefused(405, "2 of 2 required status checks are expected.");
    const waiting = mergePr(context, effect);
    await expect(waiting).rejects.toBeInstanceOf(RetryLaterError);
    await expect(waiting).rejects.toMatchObject({
      delayMs: WAIT_FOR_CHECKS_MS,
      consumesAttempt: false,
    });
    github.expectDone();
  });

  it("stops waiting for required checks after a day, and says so", async () => {
    const context = await merging();
    pullIs("open", false);
    mergeRefused(405, "Required status checks are pending.");
    const dayAgo = new Date(Date.now() - 25 * 60 * 60_000).toISOString();
    expect(await mergePr(context, effect, dayAgo)).toEqual({
      status: "blocked",
      expectedHeadSha: HEAD,
      reason: "required checks did not finish within 24 hours",
    });
    github.expectDone();
  });

  it("retries a moved base soon, spending an attempt", async () => {
    const context = await merging();
    mergeRefused(405, "Base branch was modified. Review and try the merge again.");
    await expect(mergePr(context, effect)).rejects.toMatchObject({ consumesAttempt: true });
    github.expectDone();
  });

  it.each([
    [
      405,
      'Required status check "ci" is failing.',
      'GitHub refused it: Required status check "ci" is failing',
    ],
    [
      405,
      "At least 1 approving review is required by reviewers with write access.",
      "GitHub refused it: At least 1 approving review is required by reviewers with write access",
    ],
    [405, "Pull Request is not mergeable", "GitHub refused it: Pull Request is not mergeable"],
    [
      409,
      "Head branch was modified. Review and try the merge again.",
      "the head moved (GitHub: Head branch was modified. Review and try the merge again)",
    ],
  ])("reports %s %j as blocked, for a person to fix", async (status, message, reason) => {
    const context = await merging();
    pullIs("open", false);
    mergeRefused(status, message);
    expect(await mergePr(context, effect)).toEqual({
      status: "blocked",
      expectedHeadSha: HEAD,
      reason,
    });
    github.expectDone();
  });

  it("says why GitHub refused a merge whose head moved or whose PR was closed", async () => {
    const context = await merging();
    mergeRefused(409, "Head branch was modified. Review and try the merge again.");
    pullIs("open", false, MOVED);
    expect(await mergePr(context, effect)).toMatchObject({
      status: "blocked",
      reason: "the head moved to ccccccc after aaaaaaa was approved",
    });
    mergeRefused(405, "Pull Request is not mergeable");
    pullIs("closed", false);
    expect(await mergePr(context, effect)).toMatchObject({
      reason: "the pull request was closed without merging",
    });
    expect(github.requests().map((r) => r.method)).toEqual(["PUT", "GET", "PUT", "GET"]);
    github.expectDone();
  });

  it("asks GitHub nothing when the work item has no pull request", async () => {
    const context = await merging({ prNumber: null });
    expect(await mergePr(context, effect)).toMatchObject({ status: "blocked" });
    expect(github.requests()).toEqual([]);
  });

  it("lets a server error through for the outbox to retry", async () => {
    const context = await merging();
    mergeRefused(502, "Bad Gateway");
    await expect(mergePr(context, effect)).rejects.toMatchObject({ status: 502 });
    github.expectDone();
  });

  it("deletes the branch on the retry when GitHub rate-limited the delete (403 with retry-after), not leaving it behind", async () => {
    const context = await merging();
    github.put(`${PULL}/merge`).reply(200, { sha: MERGE_SHA, merged: true, message: "merged" });
    github
      .delete(REF)
      .reply(
        403,
        { message: "You have exceeded a secondary rate limit. Please wait a few minutes." },
        { "retry-after": "60", "x-ratelimit-remaining": "4000" },
      );
    await expect(mergePr(context, effect)).rejects.toMatchObject({ status: 403 });
    mergeRefused(405, "Pull Request is not mergeable");
    pullIs("closed", true);
    github.delete(REF).reply(204);
    expect(await mergePr(context, effect)).toMatchObject({ status: "merged", alreadyMerged: true });
    expect(github.requests().map((r) => r.method)).toEqual([
      "PUT",
      "DELETE",
      "PUT",
      "GET",
      "DELETE",
    ]);
    github.expectDone();
  });

  it("keeps a branch a rule protects (403 without retry-after): the merge stands", async () => {
    const context = await merging();
    github.put(`${PULL}/merge`).reply(200, { sha: MERGE_SHA, merged: true, message: "merged" });
    github.delete(REF).reply(403, { message: "Cannot delete this protected branch" });
    expect(await mergePr(context, effect)).toMatchObject({
      status: "merged",
      alreadyMerged: false,
    });
    github.expectDone();
  });
});

describe("createMergePrPerformer", () => {
  it("hands every outcome to the integration, a blocked one included", async () => {
    const context = await merging();
    mergeRefused(405, "Pull Request is not mergeable");
    pullIs("closed", false);
    const seen: MergeOutcome[] = [];
    await createMergePrPerformer(async (_context, outcome) => void seen.push(outcome))(
      context,
      effect,
    );
    expect(seen).toEqual([
      {
        status: "blocked",
        expectedHeadSha: HEAD,
        reason: "the pull request was closed without merging",
      },
    ]);
    github.expectDone();
  });
});
