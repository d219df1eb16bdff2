import { describe, expect, it } from "vitest";
import { describeBranchNameProblem } from "./branch-name.js";

describe("describeBranchNameProblem", () => {
  it.each([
    "quantapilot/12-add-login",
    "quantapilot/kickoff",
    "quantapilot/7-fix/sub-part",
    "quantapilot/1-ünïcode-slug",
    "quantapilot/1-a.b",
  ])("accepts %s", (name) => {
    expect(describeBranchNameProblem(name)).toBeUndefined();
  });

  it.each([
    ["main", "must start with"],
    ["refs/heads/quantapilot/1-x", "must start with"],
    ["quantapilot/", 'must not end with "/"'],
    [`quantapilot/${"x".repeat(200)}`, "at most 200"],
    ["quantapilot/1-a..b", '".."'],
    ["quantapilot/1 a", "spaces or control"],
    ["quantapilot/1-a\tb", "spaces or control"],
    ["quantapilot/1-a\nb", "spaces or control"],
    ["quantapilot/1-a\u0000", "spaces or control"],
    ["quantapilot/1-a\u007f", "spaces or control"],
    ["quantapilot/1~1", "~ ^ :"],
    ["quantapilot/1^2", "~ ^ :"],
    ["quantapilot/a:b", "~ ^ :"],
    ["quantapilot/a?", "~ ^ :"],
    ["quantapilot/a*", "~ ^ :"],
    ["quantapilot/a[1]", "~ ^ :"],
    ["quantapilot/a\\b", "~ ^ :"],
    ["quantapilot/a@{1}", '"@{"'],
    ["quantapilot//a", '"//"'],
    ["quantapilot/a/", 'must not end with "/"'],
    ["quantapilot/a.", 'must not end with "."'],
    ["quantapilot/.hidden", 'start with "."'],
    ["quantapilot/a/.b", 'start with "."'],
    ["quantapilot/a.lock", '".lock"'],
    ["quantapilot/a.lock/b", '".lock"'],
    ["-quantapilot/x", "must start with"],
  ])("refuses %j", (name, problem) => {
    expect(describeBranchNameProblem(name)).toContain(problem);
  });
});
