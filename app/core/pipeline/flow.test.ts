import { describe, expect, it } from "vitest";
import { STAGE_NAMES } from "../../../contract/config.js";
import { isGated, nextStage, requiresChanges, reworkStage, stagesFor } from "./flow.js";
import { configWith, DEFAULT_CONFIG } from "./pipeline-fixtures.js";

const noTest = configWith({ stages: { issue: ["implement", "review"] } });
const reviewOnly = configWith({ stages: { issue: ["review"] } });

describe("stagesFor", () => {
  it.each([
    ["kickoff", ["plan"]],
    ["issue", ["implement", "test", "review"]],
    ["release", ["release"]],
  ] as const)("a %s runs %j by default", (kind, stages) => {
    expect(stagesFor(kind, DEFAULT_CONFIG)).toEqual(stages);
  });
});

describe("nextStage", () => {
  it.each([
    { config: DEFAULT_CONFIG, stage: "implement", next: "test" },
    { config: DEFAULT_CONFIG, stage: "test", next: "review" },
    { config: DEFAULT_CONFIG, stage: "review", next: null },
    { config: noTest, stage: "implement", next: "review" },
    // An item caught mid-flight by a config that dropped its stage still moves forward.
    { config: noTest, stage: "test", next: "review" },
    { config: DEFAULT_CONFIG, stage: "plan", next: "implement" },
  ] as const)("after $stage comes $next", ({ config, stage, next }) => {
    expect(nextStage("issue", config, stage)).toBe(next);
  });

  it("a kickoff ends after plan", () => {
    expect(nextStage("kickoff", DEFAULT_CONFIG, "plan")).toBeNull();
  });
});

describe("reworkStage", () => {
  it("is implement when it runs, else the first stage", () => {
    expect(reworkStage("issue", DEFAULT_CONFIG)).toBe("implement");
    expect(reworkStage("kickoff", DEFAULT_CONFIG)).toBe("plan");
    expect(reworkStage("issue", reviewOnly)).toBe("review");
  });
});

describe("isGated / requiresChanges", () => {
  it("reads the default gates: plan and review need a person", () => {
    const gated = STAGE_NAMES.filter((stage) => isGated(DEFAULT_CONFIG, stage));
    expect(gated).toEqual(["plan", "review"]);
  });

  it.each([
    ["issue", "implement", true],
    ["kickoff", "plan", true],
    ["issue", "plan", false],
    ["issue", "test", false],
    ["issue", "review", false],
    ["release", "release", false],
  ] as const)("a %s's %s must change files: %s", (kind, stage, expected) => {
    expect(requiresChanges(kind, stage)).toBe(expected);
  });
});
