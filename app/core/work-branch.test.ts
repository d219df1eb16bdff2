import { expect, it } from "vitest";
import { describeBranchNameProblem } from "../../contract/stage-spec/branch-name.js";
import { workBranchName } from "./work-branch.js";

it.each([
  [7, "Add login form", "quantapilot/7-add-login-form"],
  [8, "  Über café — déjà vu!  ", "quantapilot/8-uber-cafe-deja-vu"],
  [9, "$(rm -rf /); `curl evil`", "quantapilot/9-rm-rf-curl-evil"],
  [10, "../../.git/config", "quantapilot/10-git-config"],
  [11, "refs/heads/main.lock", "quantapilot/11-refs-heads-main-lock"],
  [12, "日本語だけ", "quantapilot/12"],
  ["kickoff", "Todo app", "quantapilot/kickoff-todo-app"],
  ["kickoff", "Kickoff: Todo app", "quantapilot/kickoff-todo-app"],
  ["kickoff", "Kickoff", "quantapilot/kickoff"],
  ["kickoff", "Kickoffs galore", "quantapilot/kickoff-kickoffs-galore"],
  ["release", "Release v1.2.0", "quantapilot/release-v1-2-0"],
  [13, "a".repeat(300), `quantapilot/13-${"a".repeat(40)}`],
] as const)("issue %s titled %j works on %s", (number, title, branch) => {
  expect(workBranchName(number, title)).toBe(branch);
  expect(describeBranchNameProblem(branch)).toBeUndefined();
});
