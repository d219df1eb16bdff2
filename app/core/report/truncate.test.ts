import { describe, expect, it } from "vitest";
import {
  chunk,
  GITHUB_LIMITS,
  truncateCheckRunOutput,
  truncateComment,
  truncateWithNote,
} from "./truncate.js";

describe("truncateWithNote", () => {
  it.each([
    ["fits", "abc", 3, "abc"],
    ["cut", "abcdef", 5, "ab…!!"],
    ["note that does not fit", "abcdef", 2, "ab"],
  ])("%s", (_, text, limit, expected) => {
    expect(truncateWithNote(text, limit, "…!!")).toBe(expected);
  });

  it("never leaves half of a surrogate pair", () => {
    // "😀" is two UTF-16 units; a cut after the first would leave a lone surrogate.
    expect(truncateWithNote("ab😀cd", 4, "…")).toBe("ab…");
  });
});

describe("GitHub's limits", () => {
  it("keeps a check run's summary or text at 65,535 characters, saying it cut", () => {
    const text = truncateCheckRunOutput("x".repeat(100_000));
    expect(text).toHaveLength(GITHUB_LIMITS.checkRunOutput);
    expect(text).toMatch(/truncated: GitHub shows at most 65,535 characters here/);
    expect(truncateCheckRunOutput("short")).toBe("short");
  });

  it("keeps a comment at 65,536 characters and links to the rest when it can", () => {
    const more = { label: "QuantaPilot / test", url: "https://github.com/o/r/runs/1" };
    const body = truncateComment("x".repeat(70_000), more);
    expect(body).toHaveLength(GITHUB_LIMITS.commentBody);
    expect(
      body.endsWith("Read the rest in [QuantaPilot / test](https://github.com/o/r/runs/1).)_"),
    ).toBe(true);
    expect(truncateComment("x".repeat(100), null, 50)).toHaveLength(50);
  });
});

describe("chunk", () => {
  it.each([
    [0, []],
    [50, [50]],
    [51, [50, 1]],
    [120, [50, 50, 20]],
  ])("%s annotations go out as %j", (count, sizes) => {
    const items = Array.from({ length: count }, (_, i) => i);
    expect(chunk(items, 50).map((group) => group.length)).toEqual(sizes);
  });
});
