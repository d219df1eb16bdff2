import { describe, expect, it } from "vitest";
import type { PlannedMilestone } from "./parse-milestones.js";
import {
  ISSUE_BODY_MAX,
  ISSUE_TITLE_MAX,
  milestoneMarker,
  renderMilestoneIssue,
} from "./render-milestone-issue.js";

const milestone: PlannedMilestone = {
  index: 2,
  title: "Billing",
  body: "Invoices.",
  acceptanceCriteria: ["Invoices are sent"],
  size: "L",
};
const url = "https://github.com/acme/app/blob/abc/docs/PLAN.md";

describe("renderMilestoneIssue", () => {
  it("titles by index, lists the criteria and ends with the marker", () => {
    const issue = renderMilestoneIssue(5, milestone, url);
    expect(issue.title).toBe("Milestone 2: Billing");
    expect(issue.body).toContain("- [ ] Invoices are sent");
    expect(issue.body).toContain("**Size:** L");
    expect(issue.body.endsWith(milestoneMarker(5, 2))).toBe(true);
  });

  it("caps the title and the body at GitHub's limits, keeping the marker", () => {
    const huge = { ...milestone, title: "t".repeat(1_000), body: "b".repeat(100_000) };
    const issue = renderMilestoneIssue(5, huge, url);
    expect(issue.title.length).toBeLessThanOrEqual(ISSUE_TITLE_MAX);
    expect(issue.body.length).toBeLessThanOrEqual(ISSUE_BODY_MAX);
    expect(issue.body).toContain(milestoneMarker(5, 2));
    expect(issue.body).toContain("cut: the whole milestone");
  });

  it("says when there are no acceptance criteria", () => {
    const issue = renderMilestoneIssue(5, { ...milestone, acceptanceCriteria: [] }, url);
    expect(issue.body).toContain("lists no acceptance criteria");
  });

  it("keeps markers of different milestones apart", () => {
    expect(milestoneMarker(5, 1)).not.toBe(milestoneMarker(5, 11));
    expect(milestoneMarker(5, 1)).not.toBe(milestoneMarker(51, 1));
  });
});
