import { describe, expect, it } from "vitest";
import { CONFIG_PATH } from "../../../contract/config.js";
import {
  missingOnboardingFiles,
  ONBOARDING_TRAILER,
  onboardingCommitMessage,
  onboardingPullRequest,
  WORKFLOW_PATH,
} from "./onboarding-pull-request.js";

describe("the onboarding pull request", () => {
  it("adds only what the repository lacks", () => {
    expect(missingOnboardingFiles(new Set(), "w", "c").map((f) => f.path)).toEqual([
      WORKFLOW_PATH,
      CONFIG_PATH,
    ]);
    expect(missingOnboardingFiles(new Set([CONFIG_PATH]), "w", "c")).toEqual([
      { path: WORKFLOW_PATH, content: "w" },
    ]);
    expect(missingOnboardingFiles(new Set([CONFIG_PATH, WORKFLOW_PATH]), "w", "c")).toEqual([]);
  });

  it("names the files in the commit and the body, and carries the trailer", () => {
    const files = missingOnboardingFiles(new Set(), "w", "c");
    expect(onboardingCommitMessage(files)).toContain(ONBOARDING_TRAILER);
    const pr = onboardingPullRequest(files);
    expect(pr.body).toContain(`\`${WORKFLOW_PATH}\``);
    expect(pr.body).toContain("Merge this pull request to activate");
  });
});
