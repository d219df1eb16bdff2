import examples from "@octokit/webhooks-examples/api.github.com/index.json" with { type: "json" };
import { describe, expect, it } from "vitest";
import { readDeleteBranchOnMerge } from "./repository-settings.js";

const example = (name: string, action: string) =>
  structuredClone(
    examples
      .find((group) => group.name === name)
      ?.examples.find((e) => (e as { action?: string }).action === action),
  ) as Record<string, unknown>;

const withBase = (payload: Record<string, unknown>, setting: unknown) => {
  const pull = payload.pull_request as { base: { repo: Record<string, unknown> } };
  pull.base.repo.delete_branch_on_merge = setting;
  return payload;
};

describe("readDeleteBranchOnMerge", () => {
  it("reads GitHub's own pull request and review payloads (their base repository says false)", () => {
    expect(readDeleteBranchOnMerge(example("pull_request", "opened"))).toBe(false);
    expect(readDeleteBranchOnMerge(example("pull_request_review", "submitted"))).toBe(false);
  });

  it("follows the setting when it is on", () => {
    expect(readDeleteBranchOnMerge(withBase(example("pull_request", "opened"), true))).toBe(true);
  });

  it("prefers the top-level repository's value when GitHub sends one", () => {
    const payload = withBase(example("pull_request", "opened"), false);
    (payload.repository as Record<string, unknown>).delete_branch_on_merge = true;
    expect(readDeleteBranchOnMerge(payload)).toBe(true);
  });

  it("knows nothing from payloads that do not carry it", () => {
    expect(readDeleteBranchOnMerge(example("issue_comment", "created"))).toBeUndefined();
    expect(readDeleteBranchOnMerge(example("repository", "edited"))).toBeUndefined();
  });

  it.each([
    ["a string", "yes"],
    ["a number", 1],
    ["null", null],
  ])("takes a malformed setting (%s) as no evidence", (_, setting) => {
    expect(readDeleteBranchOnMerge(withBase(example("pull_request", "opened"), setting))).toBe(
      undefined,
    );
  });

  it.each([undefined, null, 42, "text", { repository: "x" }, { repository: { id: -1 } }])(
    "ignores hostile payloads (%s)",
    (payload) => {
      expect(readDeleteBranchOnMerge(payload)).toBeUndefined();
    },
  );
});
