import { describe, expect, it } from "vitest";
import { parseUnifiedDiff } from "./changed-lines.js";
import { changedLinesCoverage } from "./changed-lines-coverage.js";
import { docsChangedWithCode, isCodePath } from "./docs-changed-with-code.js";

describe("parseUnifiedDiff", () => {
  it("takes the added lines of each hunk, in the new file's numbering; deletions add none", () => {
    const diff = [
      "diff --git a/src/a.ts b/src/a.ts",
      "--- a/src/a.ts",
      "+++ b/src/a.ts",
      "@@ -3,0 +4,2 @@ fn",
      "+one",
      "+two",
      "@@ -10 +12 @@",
      "-old",
      "+new",
      "@@ -20,3 +23,0 @@",
      "diff --git a/gone.ts b/gone.ts",
      "--- a/gone.ts",
      "+++ /dev/null",
      "@@ -1,2 +0,0 @@",
    ].join("\n");
    expect([...parseUnifiedDiff(diff).entries()].map(([f, s]) => [f, [...s]])).toEqual([
      ["src/a.ts", [4, 5, 12]],
    ]);
  });
});

describe("changedLinesCoverage", () => {
  const hits = new Map([
    [
      "src/a.ts",
      new Map([
        [4, 1],
        [5, 0],
        [6, 3],
        [12, 0],
      ]),
    ],
    [
      "src/new.ts",
      new Map([
        [1, 1],
        [2, 1],
        [3, 0],
        [4, 1],
      ]),
    ],
  ]);

  it("counts only changed lines the tool instrumented; a new untracked file counts whole", () => {
    const changed = {
      files: ["README.md", "src/a.ts", "src/new.ts"],
      lines: new Map([["src/a.ts", new Set([4, 5, 7])]]),
      untracked: new Set(["src/new.ts"]),
    };
    // a.ts: 4 hit, 5 not (7 is not executable); new.ts: 3 of 4.
    expect(changedLinesCoverage(changed, hits)).toBe(66.67);
  });

  it("is 100 when no executable line changed", () => {
    const changed = { files: ["README.md"], lines: new Map(), untracked: new Set<string>() };
    expect(changedLinesCoverage(changed, hits)).toBe(100);
  });
});

describe("docsChangedWithCode", () => {
  it.each([
    [["src/a.ts"], false],
    [["src/a.ts", "README.md"], true],
    [["src/a.ts", "docs/usage.txt"], true],
    [["test/a.test.ts", "src/a.test.ts", "pkg/x_test.go", "tests/test_x.py"], true],
    [["package.json", ".github/workflows/ci.yml"], true],
    [[], true],
  ])("%j → %s", (files, expected) => {
    expect(docsChangedWithCode(files)).toBe(expected);
  });

  it("tells code from tests and docs", () => {
    expect(["app/x.py", "cmd/main.go", "src/lib.rs"].every(isCodePath)).toBe(true);
    expect(["test_x.py", "a.spec.js", "docs/a.ts", "README.md"].some(isCodePath)).toBe(false);
  });
});
