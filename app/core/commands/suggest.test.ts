import { describe, expect, it } from "vitest";
import { suggestCommand } from "./suggest.js";

describe("suggestCommand", () => {
  it.each([
    ["aprove", "approve"],
    ["APROVE", "approve"],
    ["retyr", "retry"],
    ["hodl", "hold"],
    ["stauts", "status"],
    ["approev", "approve"],
    ["budgte", "budget"],
    ["halp", "help"],
    ["\u0430pprove", "approve"],
  ])("suggests /%s → /%s", (typed, expected) => {
    expect(suggestCommand(typed)).toBe(expected);
  });

  it.each([
    "lgtm",
    "assign",
    "label",
    "ok-to-test",
    "approveapprove",
    "retest",
    "improve",
    "unhold",
    "revert",
  ])("suggests nothing for /%s", (typed) => {
    expect(suggestCommand(typed)).toBeUndefined();
  });
});
