import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { parsePlanSections } from "./plan/parse-plan-sections.js";
import { planFilePath } from "./plan/plan-file-path.js";
import { buildStageResult } from "./run/build-stage-result.js";
import {
  finishCall,
  type StageTestBed,
  startStageTestBed,
  writeCall,
} from "./testing/stage-test-bed.js";

const DIGEST = "b".repeat(64);
const PLAN = `# Plan

## Milestone 1: Skeleton
Goal: a build and one test.
Size: small
Acceptance criteria:
- \`npm test\` passes
- CI is green

## Milestone 2: Accounts
**Size:** medium

### Acceptance criteria
1. A user can sign up
`;
const kickoff = {
  kind: "kickoff" as const,
  title: "Widgets",
  url: "https://github.com/octo-org/octo-repo",
};

let bed: StageTestBed;
beforeEach(async () => {
  bed = await startStageTestBed({ "README.md": "# Widgets\nA widget shop.\n" });
});
afterEach(() => bed.close());

describe("parsePlanSections", () => {
  it("reads milestones with their size and acceptance criteria", () => {
    expect(parsePlanSections(PLAN, "Milestone")).toEqual([
      {
        number: 1,
        title: "Skeleton",
        size: "small",
        criteria: ["`npm test` passes", "CI is green"],
        line: 3,
      },
      { number: 2, title: "Accounts", size: "medium", criteria: ["A user can sign up"], line: 10 },
    ]);
  });

  it("finds none in prose, and a section without size or criteria has none", () => {
    expect(parsePlanSections("# Plan\nJust prose.\n", "Milestone")).toEqual([]);
    expect(parsePlanSections("## Milestone 1: Bare\ntext\n", "Milestone")).toEqual([
      { number: 1, title: "Bare", size: undefined, criteria: [], line: 1 },
    ]);
  });
});

describe("planFilePath", () => {
  it.each([
    [12, "quantapilot/12-add-a-login-page", "docs/plans/12-add-a-login-page.md"],
    [12, "quantapilot/13-other", "docs/plans/12.md"],
    [12, "quantapilot/12-../../x", "docs/plans/12.md"],
  ])("issue %i on %s → %s", (number, branch, path) => {
    expect(planFilePath(number, branch)).toBe(path);
  });
});

describe("the plan stage, kickoff", () => {
  const spec = () =>
    bed.spec({
      stage: "plan",
      role: "architect",
      work_item: kickoff,
      work_branch: "quantapilot/kickoff-widgets",
    });

  it("proposes the three files and lists the milestones", async () => {
    bed.script(
      [
        writeCall("docs/ARCHITECTURE.md", "# Architecture\n"),
        writeCall("docs/PLAN.md", PLAN),
        writeCall("AGENTS.md", "# Conventions\n"),
      ],
      [finishCall("Planned two milestones.")],
    );
    const s = spec();
    const result = buildStageResult(s, await bed.run(s), DIGEST);
    expect(result.outcome).toBe("succeeded");
    expect(result.changes.map((c) => c.path).sort()).toEqual([
      "AGENTS.md",
      "docs/ARCHITECTURE.md",
      "docs/PLAN.md",
    ]);
    expect(result.pr.body + result.commit_message).toContain(
      "Milestone 1: Skeleton (small, 2 acceptance criteria)",
    );
    expect(result.findings).toEqual([]);
    const brief = bed.request(0).messages[1]?.content;
    expect(brief).toContain("## Milestone N: <title>");
  });

  it("fails, sending nothing, when a file is missing", async () => {
    bed.script([writeCall("docs/PLAN.md", PLAN)], [finishCall("Done.")]);
    const s = spec();
    const result = buildStageResult(s, await bed.run(s), DIGEST);
    expect(result).toMatchObject({ outcome: "failed", changes: [] });
    expect(result.reason).toBe("The architect did not write docs/ARCHITECTURE.md, AGENTS.md.");
  });

  it("warns about milestones without size or criteria", async () => {
    bed.script(
      [
        writeCall("docs/ARCHITECTURE.md", "a\n"),
        writeCall("docs/PLAN.md", "## Milestone 1: Vague\nDo it.\n"),
        writeCall("AGENTS.md", "c\n"),
      ],
      [finishCall("Done.")],
    );
    const s = spec();
    const result = buildStageResult(s, await bed.run(s), DIGEST);
    expect(result.outcome).toBe("succeeded");
    expect(result.findings.map((f) => f.message)).toEqual([
      "Milestone 1 (Vague) has no acceptance criteria.",
      "Milestone 1 (Vague) has no size (small, medium or large).",
    ]);
  });
});

describe("the plan stage, issue", () => {
  it("proposes the plan file with its sub-tasks", async () => {
    const plan = "# Plan\n\n## Sub-task 1: Form\nSize: small\nAcceptance criteria:\n- it renders\n";
    bed.script([writeCall("docs/plans/12-add-a-login-page.md", plan)], [finishCall("Planned.")]);
    const s = bed.spec({ stage: "plan", role: "architect" });
    const result = buildStageResult(s, await bed.run(s), DIGEST);
    expect(result.outcome).toBe("succeeded");
    expect(result.changes.map((c) => c.path)).toEqual(["docs/plans/12-add-a-login-page.md"]);
    expect(result.pr.body + result.commit_message).toContain(
      "Sub-task 1: Form (small, 1 acceptance criterion)",
    );
  });

  it("fails when the plan proposes no sub-task", async () => {
    bed.script(
      [writeCall("docs/plans/12-add-a-login-page.md", "Just do it.\n")],
      [finishCall("Planned.")],
    );
    const s = bed.spec({ stage: "plan", role: "architect" });
    const result = buildStageResult(s, await bed.run(s), DIGEST);
    expect(result.outcome).toBe("failed");
    expect(result.reason).toMatch(/proposes no sub-task/);
  });
});
