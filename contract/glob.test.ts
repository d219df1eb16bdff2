import { describe, expect, it } from "vitest";
import { matchesGlob } from "./glob.js";

describe("matchesGlob", () => {
  it.each([
    // literal
    [".github/quantapilot.yml", ".github/quantapilot.yml", true],
    [".github/quantapilot.yml", ".github/quantapilot.yaml", false],
    ["a/b", "a", false],
    // * stays within a segment
    ["*.md", "README.md", true],
    ["*.md", "docs/README.md", false],
    ["docs/*", "docs/a.md", true],
    ["docs/*", "docs/a/b.md", false],
    ["*", ".env", true],
    ["a*b", "ab", true],
    ["a*b*c", "a-b-b-c", true],
    ["a*b*c", "a-b-b-d", false],
    // ? is exactly one character, never a slash, one code point
    ["file?.txt", "file1.txt", true],
    ["file?.txt", "file.txt", false],
    ["file?.txt", "file12.txt", false],
    ["a?b", "a/b", false],
    ["?.txt", "é.txt", true],
    ["?.txt", "😀.txt", true],
    // ** is zero or more whole segments
    [".github/workflows/**", ".github/workflows/ci.yml", true],
    [".github/workflows/**", ".github/workflows/deep/x.yml", true],
    [".github/workflows/**", ".github/workflows", true],
    [".github/workflows/**", ".github/workflowsx/ci.yml", false],
    [".github/workflows/**", ".github/ci.yml", false],
    ["**/*.pem", "key.pem", true],
    ["**/*.pem", "a/b/c/key.pem", true],
    ["**/*.pem", "a/b/c/key.pem.txt", false],
    ["a/**/b", "a/b", true],
    ["a/**/b", "a/x/y/b", true],
    ["a/**/b", "a/x/y/c", false],
    ["**", "anything/at/all", true],
    ["**/secrets/**", "deep/secrets/x/y", true],
    ["**/secrets/**", "deep/secret/x", false],
    // a trailing slash is the directory and everything below
    ["secrets/", "secrets/a/b.txt", true],
    ["secrets/", "secrets", true],
    ["secrets/", "secretsx", false],
    // ** inside a segment is just two stars
    ["a**b", "a-x-b", true],
    ["a**b", "a/x/b", false],
    // other glob syntax is literal
    ["[ab].txt", "a.txt", false],
    ["[ab].txt", "[ab].txt", true],
    ["{a,b}.txt", "a.txt", false],
    // regex metacharacters are not special
    ["a.b", "axb", false],
    ["a+(b)", "a+(b)", true],
  ])("%s against %s → %s", (glob, path, expected) => {
    expect(matchesGlob(path, glob)).toBe(expected);
  });

  it("is case-sensitive unless asked", () => {
    expect(matchesGlob(".GitHub/Workflows/x.yml", ".github/workflows/**")).toBe(false);
    expect(
      matchesGlob(".GitHub/Workflows/x.yml", ".github/workflows/**", { caseInsensitive: true }),
    ).toBe(true);
  });

  it("stays fast on a hostile path and a star-heavy glob", () => {
    const path = `${"a/".repeat(2_000)}b`;
    const glob = "**/**/**/**/**/**/**/**/**/c";
    const started = performance.now();
    expect(matchesGlob(path, glob)).toBe(false);
    expect(matchesGlob("a".repeat(4_000), "*a*a*a*a*a*a*a*a*b")).toBe(false);
    expect(performance.now() - started).toBeLessThan(500);
  });
});
