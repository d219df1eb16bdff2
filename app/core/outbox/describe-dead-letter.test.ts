import { describe, expect, it } from "vitest";
import { describeDeadLetter } from "./describe-dead-letter.js";

describe("describeDeadLetter", () => {
  it("says what broke, how often, the error and how to go on", () => {
    const report = describeDeadLetter("merge_pr", 42, 8, "Not Found");
    expect(report.title).toBe("QuantaPilot could not merge the pull request");
    expect(report.summary).toContain("tried 8 times");
    expect(report.summary).toContain("Not Found");
    expect(report.summary).toContain("/retry");
    expect(report.summary).toContain("WHERE id = 42");
  });

  it("names an unknown kind and does not offer /retry for a project's onboarding", () => {
    expect(describeDeadLetter("mystery", 1, 1, "x").title).toContain("`mystery`");
    expect(describeDeadLetter("open_onboarding_pr", 1, 8, "x").summary).not.toContain("/retry");
  });

  it("keeps an error from closing the code block, and fits GitHub's limit", () => {
    const report = describeDeadLetter("reply", 1, 8, `a\`\`\`b${"x".repeat(100_000)}`);
    expect(report.summary.match(/```/g)?.length).toBe(2);
    expect(report.summary.length).toBeLessThanOrEqual(65_535);
  });
});
