import { describe, expect, it } from "vitest";
import { parseRawDiff } from "./parse-raw-diff.js";

const sha = "a".repeat(40);
const zero = "0".repeat(40);
const entry = (header: string, path: string) => `${header}\0${path}\0`;

describe("parseRawDiff", () => {
  it("reads additions, deletions and modes, with any bytes in the path", () => {
    const output = Buffer.from(
      entry(`:000000 100755 ${zero} ${sha} A`, "bin/run me") +
        entry(`:120000 000000 ${sha} ${zero} D`, "link\ttab"),
    );
    expect(parseRawDiff(output)).toEqual([
      {
        status: "A",
        oldMode: "000000",
        newMode: "100755",
        newSha: sha,
        path: Buffer.from("bin/run me"),
      },
      {
        status: "D",
        oldMode: "120000",
        newMode: "000000",
        newSha: zero,
        path: Buffer.from("link\ttab"),
      },
    ]);
  });

  it("reads nothing from empty output", () => {
    expect(parseRawDiff(Buffer.alloc(0))).toEqual([]);
  });

  it("refuses a rename or copy entry rather than guess its paths", () => {
    const output = Buffer.from(`:100644 100644 ${sha} ${sha} R100\0old\0new\0`);
    expect(() => parseRawDiff(output)).toThrow(/Unexpected git diff-index entry/);
  });

  it("refuses output cut in the middle of an entry", () => {
    expect(() => parseRawDiff(Buffer.from(`:000000 100644 ${zero} ${sha} A\0path`))).toThrow(
      /ended in the middle/,
    );
  });
});
