import { describe, expect, it } from "vitest";
import {
  classifyMergeRefusal,
  mergeOutcomeEvent,
  WAIT_FOR_BASE_MS,
  WAIT_FOR_CHECKS_MS,
} from "./merge-outcome.js";

describe("classifyMergeRefusal", () => {
  it.each([
    [405, 'Required status check "build" is expected.', "wait", WAIT_FOR_CHECKS_MS],
    [405, "3 of 4 required status checks are expected.", "wait", WAIT_FOR_CHECKS_MS],
    [405, "Required status checks are pending.", "wait", WAIT_FOR_CHECKS_MS],
    [405, 'Required status check "ci" is in progress.', "wait", WAIT_FOR_CHECKS_MS],
    [405, "Base branch was modified. Review and try the merge again.", "wait", WAIT_FOR_BASE_MS],
    [405, "Merge already in progress", "wait", WAIT_FOR_BASE_MS],
    [405, 'Required status check "ci" is failing.', "blocked", undefined],
    [405, "Waiting on code owner review from @acme/core.", "blocked", undefined],
    [405, "Repository rule violations found", "blocked", undefined],
    [409, "Head branch was modified. Review and try the merge again.", "blocked", undefined],
    [422, "Squash merges are not allowed on this repository.", "blocked", undefined],
    [403, "Resource not accessible by integration", "blocked", undefined],
  ])("%s %j → %s", (status, message, kind, delayMs) => {
    const refusal = classifyMergeRefusal(status, message);
    expect(refusal?.kind).toBe(kind);
    if (refusal?.kind === "wait") expect(refusal.delayMs).toBe(delayMs);
  });

  it.each([
    [500, "Internal Server Error"],
    [502, "Bad Gateway"],
    [403, "API rate limit exceeded for installation"],
    [404, "Not Found"],
  ])("leaves %s %j to the outbox's retries", (status, message) => {
    expect(classifyMergeRefusal(status, message)).toBeNull();
  });
});

describe("mergeOutcomeEvent", () => {
  const now = "2026-03-01T12:00:00.000Z";

  it("turns a merge into `merged` at the squash commit, and a refusal into `merge_blocked`", () => {
    const merged = {
      status: "merged",
      expectedHeadSha: "a",
      mergeCommitSha: "m",
      alreadyMerged: false,
    } as const;
    expect(mergeOutcomeEvent(merged, now)).toEqual({ type: "merged", sha: "m", now });
    const blocked = { status: "blocked", expectedHeadSha: "a", reason: "conflict" } as const;
    expect(mergeOutcomeEvent(blocked, now)).toEqual({
      type: "merge_blocked",
      expectedHeadSha: "a",
      reason: "conflict",
      now,
    });
  });
});
