import { describe, expect, it } from "vitest";
import {
  escapeInline,
  formatCount,
  formatDuration,
  formatTime,
  formatUsd,
  plural,
} from "./format.js";

describe("formatUsd", () => {
  it.each([
    [0, "$0.00"],
    [0.5, "$0.50"],
    [0.0612, "$0.0612"],
    [0.00004, "$0.0000"],
    [1, "$1.00"],
    [12.3456, "$12.35"],
    [1234.5, "$1234.50"],
  ])("%s → %s", (usd, text) => expect(formatUsd(usd)).toBe(text));
});

describe("formatDuration", () => {
  it.each([
    [0, "0 s"],
    [38_400, "38 s"],
    [252_000, "4 min 12 s"],
    [3_900_000, "1 h 5 min"],
    [-5, "0 s"],
  ])("%s ms → %s", (ms, text) => expect(formatDuration(ms)).toBe(text));
});

describe("escapeInline", () => {
  it.each([
    ["plain words.", "plain words."],
    ["a | b", "a \\| b"],
    ["two\nlines", "two lines"],
    ["<!-- quantapilot:status:9 -->", "\\<\\!-- quantapilot:status:9 --\\>"],
    ["[click](http://evil)", "\\[click\\]\\(http://evil\\)"],
    ["ping @alice", "ping \\@alice"],
    ["`code`", "\\`code\\`"],
  ])("%j → %j", (text, escaped) => expect(escapeInline(text)).toBe(escaped));

  it("cuts long text with an ellipsis before escaping", () => {
    expect(escapeInline("abcdef", 4)).toBe("abc…");
  });
});

describe("the small ones", () => {
  it("counts, pluralises and dates the same on every server", () => {
    expect(formatCount(1_234_567)).toBe("1,234,567");
    expect([plural(1, "file"), plural(2, "file")]).toEqual(["1 file", "2 files"]);
    expect(formatTime("2026-03-01T12:34:56Z")).toBe("2026-03-01 12:34 UTC");
  });
});
