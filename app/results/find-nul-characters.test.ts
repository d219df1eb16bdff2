import { describe, expect, it } from "vitest";
import { findNulCharacters } from "./find-nul-characters.js";

describe("findNulCharacters", () => {
  it("names every string holding a NUL by its key path", () => {
    const value = {
      reason: "ok",
      changes: [{ path: "a\u0000.ts" }, { path: "b.ts", content: "x\u0000" }],
      pr: { title: "\u0000" },
    };
    expect(findNulCharacters(value)).toEqual(["changes.0.path", "changes.1.content", "pr.title"]);
  });

  it("stops at the cap, so a hostile result cannot make the answer huge", () => {
    const value = { changes: Array.from({ length: 1_000 }, () => ({ path: "\u0000" })) };
    expect(findNulCharacters(value, 3)).toEqual([
      "changes.0.path",
      "changes.1.path",
      "changes.2.path",
    ]);
  });

  it("finds nothing in clean values, numbers and nulls", () => {
    expect(findNulCharacters({ a: 1, b: null, c: ["x", { d: true }] })).toEqual([]);
    expect(findNulCharacters("\u0000")).toEqual(["(root)"]);
  });
});
