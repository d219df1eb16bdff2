import { describe, expect, it } from "vitest";
import { parseMilestones } from "./parse-milestones.js";

const plan = `# Plan

Some intro.

## Milestone 1: Accounts

Users sign up and log in.

### Acceptance criteria
- [ ] A user can sign up with an email
- [x] A user can log in
* Sessions expire after a day

**Size:** M

## Milestone 2 — Billing
Size: L

Acceptance criteria:
1. Invoices are sent monthly

## Risks
Nothing here is a milestone.
`;

describe("parseMilestones", () => {
  it("reads every milestone with its criteria and size, in plan order", () => {
    const milestones = parseMilestones(plan);
    expect(milestones.map((m) => [m.index, m.title, m.size])).toEqual([
      [1, "Accounts", "M"],
      [2, "Billing", "L"],
    ]);
    expect(milestones[0]?.acceptanceCriteria).toEqual([
      "A user can sign up with an email",
      "A user can log in",
      "Sessions expire after a day",
    ]);
    expect(milestones[1]?.acceptanceCriteria).toEqual(["Invoices are sent monthly"]);
  });

  it("ends a milestone at the next heading of its level or higher", () => {
    const [, second] = parseMilestones(plan);
    expect(second?.body).not.toContain("Risks");
    expect(second?.body).toContain("Invoices are sent monthly");
  });

  it("numbers by position, whatever the plan wrote", () => {
    const text = "## Milestone 3: A\n\n## Milestone 3: B\n\n### M7. C\n";
    expect(parseMilestones(text).map((m) => [m.index, m.title])).toEqual([
      [1, "A"],
      [2, "B"],
      [3, "C"],
    ]);
  });

  it("names an untitled milestone by its position", () => {
    expect(parseMilestones("## Milestone 1\ntext")[0]?.title).toBe("Milestone 1");
  });

  it("ignores headings inside code fences and look-alikes", () => {
    const text = "```md\n## Milestone 1: Example\n```\n## Milestones overview\n## Milestoned: no\n";
    expect(parseMilestones(text)).toEqual([]);
  });

  it("finds nothing in a plan without milestones, an empty file or CRLF prose", () => {
    expect(parseMilestones("")).toEqual([]);
    expect(parseMilestones("# Plan\r\n\r\nJust prose.\r\n")).toEqual([]);
  });

  it("reads CRLF plans like LF ones", () => {
    expect(parseMilestones(plan.replace(/\n/g, "\r\n"))).toEqual(parseMilestones(plan));
  });

  it("has no size or criteria when the plan gives none", () => {
    const [only] = parseMilestones("## Milestone 1: Bare\nJust do it.");
    expect(only).toMatchObject({ size: null, acceptanceCriteria: [], body: "Just do it." });
  });
});
