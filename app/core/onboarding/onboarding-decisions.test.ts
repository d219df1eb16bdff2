import { describe, expect, it } from "vitest";
import { isEmptyRepository } from "./empty-repository.js";
import { judgeOnboardingPr } from "./judge-onboarding-pr.js";
import { judgeOnboardingPush } from "./onboarding-push.js";

describe("isEmptyRepository", () => {
  it("recognises GitHub's 409 for a repository with no commit", () => {
    expect(isEmptyRepository(409, "Git Repository is empty.")).toBe(true);
    expect(isEmptyRepository(409, "Git Repository is empty. - https://docs.github.com/rest")).toBe(
      true,
    );
  });

  it("does not take another conflict, or a 404, for an empty repository", () => {
    expect(isEmptyRepository(409, "Reference already exists")).toBe(false);
    expect(isEmptyRepository(404, "This repository is empty.")).toBe(false);
    expect(isEmptyRepository(undefined, "Git Repository is empty.")).toBe(false);
  });
});

describe("judgeOnboardingPr", () => {
  const asked = "2026-11-24T12:00:00Z";
  const pr = (state: string, closedAt: string | null, mergedAt: string | null = null) => ({
    number: 7,
    state,
    headSha: "e".repeat(40),
    closedAt,
    mergedAt,
  });

  it("opens one when there is none, and reuses an open one", () => {
    expect(judgeOnboardingPr(undefined, asked)).toEqual({ kind: "open_new" });
    expect(judgeOnboardingPr(pr("open", null), asked)).toEqual({ kind: "reuse", number: 7 });
  });

  it("respects a PR closed unmerged since it was asked: the person said no", () => {
    expect(judgeOnboardingPr(pr("closed", "2026-11-24T12:30:00Z"), asked)).toEqual({
      kind: "declined",
      number: 7,
    });
  });

  it("offers a fresh PR when the no predates this request (a re-install, the repo added again)", () => {
    expect(judgeOnboardingPr(pr("closed", "2026-01-01T00:00:00Z"), asked)).toEqual({
      kind: "open_new",
    });
    // Merged long ago and the files since removed: the new request is answered too.
    expect(
      judgeOnboardingPr(pr("closed", "2026-01-01T00:00:00Z", "2026-01-01T00:00:00Z"), asked),
    ).toEqual({ kind: "open_new" });
  });

  it("remembers a PR merged since it was asked: its merge activates the project", () => {
    const merged = pr("closed", "2026-11-24T12:30:00Z", "2026-11-24T12:30:00Z");
    expect(judgeOnboardingPr(merged, asked)).toEqual({ kind: "reuse", number: 7 });
  });

  it("takes a closed PR with no readable time as a no", () => {
    expect(judgeOnboardingPr(pr("closed", null), asked)).toEqual({ kind: "declined", number: 7 });
    expect(judgeOnboardingPr(pr("closed", "garbage"), asked)).toMatchObject({ kind: "declined" });
  });
});

describe("judgeOnboardingPush", () => {
  const push = { ref: "refs/heads/main", defaultBranch: "main", deleted: false, written: [] };

  it("resumes a parked onboarding on a push to the default branch", () => {
    expect(judgeOnboardingPush(push)).toBe("if_parked");
  });

  it("rechecks when someone writes an onboarding file by hand", () => {
    expect(judgeOnboardingPush({ ...push, written: [".github/quantapilot.yml"] })).toBe("recheck");
    expect(judgeOnboardingPush({ ...push, written: [".github/workflows/quantapilot.yml"] })).toBe(
      "recheck",
    );
  });

  it("ignores other branches, tags, and a deleted branch", () => {
    expect(judgeOnboardingPush({ ...push, ref: "refs/heads/feature" })).toBe("ignore");
    expect(judgeOnboardingPush({ ...push, ref: "refs/tags/main" })).toBe("ignore");
    expect(judgeOnboardingPush({ ...push, deleted: true })).toBe("ignore");
  });

  it("a look-alike path is no onboarding file", () => {
    expect(judgeOnboardingPush({ ...push, written: ["docs/.github/quantapilot.yml"] })).toBe(
      "if_parked",
    );
  });
});
