import { describe, expect, it } from "vitest";
import { parseBiomeJson } from "./parse-biome-json.js";
import { parseCargoTest } from "./parse-cargo-test.js";
import { parseCoveragePy } from "./parse-coverage-py.js";
import { parseEslintJson } from "./parse-eslint-json.js";
import { parseGoCoverProfile } from "./parse-go-cover-profile.js";
import { parseGoTestJson } from "./parse-go-test-json.js";
import { parseIstanbulSummary } from "./parse-istanbul-summary.js";
import { parseJestJson } from "./parse-jest-json.js";
import { parseJunitXml } from "./parse-junit-xml.js";
import { parseLcov } from "./parse-lcov.js";
import { parseNpmAudit } from "./parse-npm-audit.js";
import { parsePipAudit } from "./parse-pip-audit.js";
import { parseRuffJson } from "./parse-ruff-json.js";

const DIR = "/work/repo";

describe("parseJunitXml", () => {
  it("counts passed, skipped and failed cases, locating pytest failures from their text", () => {
    const xml = `<?xml version="1.0"?><testsuites><testsuite name="pytest" tests="4">
      <testcase classname="test_calc" name="test_add" time="0.001"/>
      <testcase classname="test_calc" name="test_sub"><failure message="assert 8 == 2">def test_sub():
&gt;       assert sub(5, 3) == 2

test_calc.py:9: AssertionError</failure></testcase>
      <testcase classname="t" name="later"><skipped message="todo"/></testcase>
      <testcase classname="t" name="&lt;boom&gt;" file="src/x.test.js" line="7"><error><![CDATA[TypeError: & co]]></error></testcase>
    </testsuite></testsuites>`;
    expect(parseJunitXml(xml, DIR)).toEqual({
      ok: true,
      value: {
        passed: 1,
        failed: 2,
        skipped: 1,
        failures: [
          { name: "test_calc › test_sub", file: "test_calc.py", line: 9, message: "assert 8 == 2" },
          { name: "t › <boom>", file: "src/x.test.js", line: 7, message: "TypeError: & co" },
        ],
      },
    });
  });

  it.each([
    ["not XML at all", "{}"],
    ["HTML", "<html><body>502</body></html>"],
    ["empty", ""],
  ])("refuses %s with a reason", (_case, text) => {
    expect(parseJunitXml(text, DIR)).toEqual({
      ok: false,
      why: "the JUnit report has no <testsuite> element",
    });
  });

  it("reads a suite without cases as no tests", () => {
    expect(parseJunitXml("<testsuite tests='0'></testsuite>", DIR)).toEqual({
      ok: true,
      value: null,
    });
  });
});

describe("parseJestJson", () => {
  it("counts statuses, locates failures from the stack, and counts a broken file as one failure", () => {
    const report = {
      testResults: [
        {
          name: `${DIR}/test/a.test.ts`,
          status: "failed",
          assertionResults: [
            { title: "adds", fullName: "sum adds", status: "passed" },
            {
              title: "subtracts",
              fullName: "sum subtracts",
              status: "failed",
              failureMessages: [
                `AssertionError: expected 1 to be 2\n    at ${DIR}/test/a.test.ts:12:7`,
              ],
              location: { line: 10, column: 3 },
            },
            { title: "later", status: "todo" },
            { title: "skipped", status: "pending" },
          ],
        },
        {
          name: `${DIR}/test/b.test.ts`,
          status: "failed",
          message: "SyntaxError: Unexpected token",
          assertionResults: [],
        },
      ],
    };
    expect(parseJestJson(JSON.stringify(report), DIR)).toEqual({
      ok: true,
      value: {
        passed: 1,
        failed: 2,
        skipped: 2,
        failures: [
          {
            name: "sum subtracts",
            file: "test/a.test.ts",
            line: 12,
            message: "AssertionError: expected 1 to be 2",
          },
          {
            name: "test/b.test.ts (the test file failed to run)",
            file: "test/b.test.ts",
            message: "SyntaxError: Unexpected token",
          },
        ],
      },
    });
  });

  it.each([
    ["truncated JSON", '{"testResults": [', /^the test runner's JSON report is not valid JSON/],
    ["the wrong shape", '{"tests": 3}', /^the test runner's JSON report has no testResults list$/],
  ])("refuses %s with a reason", (_case, text, why) => {
    const read = parseJestJson(text, DIR);
    expect(read.ok).toBe(false);
    if (!read.ok) expect(read.why).toMatch(why);
  });

  it("reads a run with no tests as no tests, never as zero counts", () => {
    expect(parseJestJson('{"testResults": []}', DIR)).toEqual({ ok: true, value: null });
  });
});

describe("coverage reports", () => {
  it("lcov: hits per line relative to the checkout, files outside it left out", () => {
    const lcov = `TN:\nSF:${DIR}/src/a.js\nDA:1,1\nDA:2,0\nDA:3,4\nend_of_record\nSF:/elsewhere/dep.js\nDA:1,0\nend_of_record\nSF:src/b.js\nDA:5,0\nend_of_record\n`;
    const read = parseLcov(lcov, DIR);
    expect(
      read.ok && [...read.value.lineHits.entries()].map(([f, h]) => [f, [...h.entries()]]),
    ).toEqual([
      [
        "src/a.js",
        [
          [1, 1],
          [2, 0],
          [3, 4],
        ],
      ],
      ["src/b.js", [[5, 0]]],
    ]);
    expect(read.ok && read.value.totalPct).toBe(50);
    expect(parseLcov("garbage", DIR)).toEqual({
      ok: false,
      why: "the lcov report has no SF: record",
    });
  });

  it("istanbul summary: line percentage, null when nothing was instrumented, reasons when broken", () => {
    const summary = (total: number, covered: number) =>
      JSON.stringify({ total: { lines: { total, covered, pct: 0 } } });
    expect(parseIstanbulSummary(summary(3, 2))).toEqual({ ok: true, value: 66.67 });
    expect(parseIstanbulSummary(summary(0, 0))).toEqual({ ok: true, value: null });
    expect(parseIstanbulSummary("{}")).toEqual({
      ok: false,
      why: "coverage-summary.json has no total.lines figures",
    });
    expect(parseIstanbulSummary("nope").ok).toBe(false);
  });

  it("coverage.py JSON: totals and executed/missing lines", () => {
    const report = {
      totals: { covered_lines: 3, num_statements: 4 },
      files: { "calc.py": { executed_lines: [1, 2, 5], missing_lines: [6] } },
    };
    const read = parseCoveragePy(JSON.stringify(report), DIR);
    expect(read.ok && read.value.totalPct).toBe(75);
    expect(read.ok && [...(read.value.lineHits.get("calc.py") ?? [])]).toEqual([
      [1, 1],
      [2, 1],
      [5, 1],
      [6, 0],
    ]);
    expect(parseCoveragePy("[]", DIR)).toEqual({
      ok: false,
      why: "coverage.py's JSON report has no totals or files",
    });
  });

  it("Go cover profile: statements as Go counts them, every line of a block, module-relative paths", () => {
    const profile =
      "mode: set\nexample.com/m/calc/calc.go:3.20,5.2 2 1\nexample.com/m/calc/calc.go:7.20,9.2 1 0\n";
    const read = parseGoCoverProfile(profile, "example.com/m");
    expect(read.ok && read.value.totalPct).toBe(66.67);
    expect(read.ok && [...(read.value.lineHits.get("calc/calc.go") ?? [])]).toEqual([
      [3, 1],
      [4, 1],
      [5, 1],
      [7, 0],
      [8, 0],
      [9, 0],
    ]);
    expect(parseGoCoverProfile("", "example.com/m").ok).toBe(false);
  });
});

describe("lint reports", () => {
  it("ESLint: severity 2 errors, 1 warnings, 0 ignored, paths relative", () => {
    const out = [
      {
        filePath: `${DIR}/src/a.js`,
        messages: [
          { ruleId: "no-undef", severity: 2, message: "x is not defined", line: 3 },
          { ruleId: null, severity: 1, message: "unused directive", line: 1 },
          { ruleId: "x", severity: 0, message: "off" },
        ],
      },
    ];
    expect(parseEslintJson(JSON.stringify(out), DIR)).toEqual({
      ok: true,
      value: {
        errors: 1,
        warnings: 1,
        problems: [
          {
            file: "src/a.js",
            line: 3,
            severity: "error",
            rule: "no-undef",
            message: "x is not defined",
          },
          { file: "src/a.js", line: 1, severity: "warning", message: "unused directive" },
        ],
      },
    });
    expect(parseEslintJson('{"a":1}', DIR)).toEqual({
      ok: false,
      why: "ESLint's JSON output is not a list of file results",
    });
  });

  it("Biome: errors and fatal count as errors, information is left out", () => {
    const out = {
      diagnostics: [
        {
          severity: "fatal",
          message: "parse",
          category: "parse",
          location: { path: "src/a.js", start: { line: 2 } },
        },
        { severity: "information", message: "fyi", location: { path: "src/a.js" } },
        {
          severity: "warning",
          message: "unused",
          category: "lint/x",
          location: { path: { file: "src/b.js" }, start: { line: 5 } },
        },
      ],
    };
    expect(parseBiomeJson(JSON.stringify(out), DIR)).toEqual({
      ok: true,
      value: {
        errors: 1,
        warnings: 1,
        problems: [
          { file: "src/a.js", line: 2, severity: "error", rule: "parse", message: "parse" },
          { file: "src/b.js", line: 5, severity: "warning", rule: "lint/x", message: "unused" },
        ],
      },
    });
    expect(parseBiomeJson("The `json` reporter is experimental", DIR).ok).toBe(false);
  });

  it("Ruff: every violation is an error", () => {
    const out = [
      {
        code: "F401",
        message: "os imported but unused",
        filename: `${DIR}/calc.py`,
        location: { row: 1, column: 8 },
      },
    ];
    expect(parseRuffJson(JSON.stringify(out), DIR)).toEqual({
      ok: true,
      value: {
        errors: 1,
        warnings: 0,
        problems: [
          {
            file: "calc.py",
            line: 1,
            severity: "error",
            rule: "F401",
            message: "os imported but unused",
          },
        ],
      },
    });
  });
});

describe("audits", () => {
  it.each([
    [
      "npm",
      {
        metadata: {
          vulnerabilities: { info: 0, low: 1, moderate: 2, high: 3, critical: 4, total: 10 },
        },
      },
      { critical: 4, high: 3, moderate: 2, low: 1 },
    ],
    [
      "pnpm without some severities",
      { metadata: { vulnerabilities: { high: 1 } } },
      { critical: 0, high: 1, moderate: 0, low: 0 },
    ],
  ])("%s", (_case, json, figures) => {
    expect(parseNpmAudit(JSON.stringify(json))).toEqual({ ok: true, value: figures });
  });

  it("yarn v1's line-delimited summary", () => {
    const lines = [
      '{"type":"auditAdvisory","data":{}}',
      '{"type":"auditSummary","data":{"vulnerabilities":{"info":0,"low":0,"moderate":1,"high":0,"critical":2}}}',
    ].join("\n");
    expect(parseNpmAudit(lines)).toEqual({
      ok: true,
      value: { critical: 2, high: 0, moderate: 1, low: 0 },
    });
  });

  it("npm's own error (no lockfile, no registry) is the reason", () => {
    const error = {
      error: { code: "ENOLOCK", summary: "This command requires an existing lockfile." },
    };
    expect(parseNpmAudit(JSON.stringify(error))).toEqual({
      ok: false,
      why: "the audit failed (ENOLOCK): This command requires an existing lockfile.",
    });
    expect(parseNpmAudit("npm ERR! network").ok).toBe(false);
  });

  it("pip-audit: every known vulnerability counts as high", () => {
    const out = {
      dependencies: [
        { name: "a", vulns: [{ id: "1" }, { id: "2" }] },
        { name: "b", vulns: [] },
      ],
    };
    expect(parsePipAudit(JSON.stringify(out))).toEqual({
      ok: true,
      value: { critical: 0, high: 2, moderate: 0, low: 0 },
    });
    expect(parsePipAudit("[]").ok).toBe(false);
  });
});

describe("Go and Rust test output", () => {
  it("go test -json: per-test events, the failure's file and line, a package that failed to build", () => {
    const events = [
      { Action: "run", Package: "example.com/m/calc", Test: "TestAdd" },
      { Action: "pass", Package: "example.com/m/calc", Test: "TestAdd" },
      {
        Action: "output",
        Package: "example.com/m/calc",
        Test: "TestSub",
        Output: "    calc_test.go:12: got 8, want 2\n",
      },
      { Action: "fail", Package: "example.com/m/calc", Test: "TestSub" },
      { Action: "skip", Package: "example.com/m/calc", Test: "TestLater" },
      {
        Action: "output",
        Package: "example.com/m/broken",
        Output: "broken.go:3:1: syntax error\n",
      },
      { Action: "fail", Package: "example.com/m/broken" },
    ];
    const text = events.map((e) => JSON.stringify(e)).join("\n");
    expect(parseGoTestJson(text, "example.com/m")).toEqual({
      ok: true,
      value: {
        passed: 1,
        failed: 2,
        skipped: 1,
        failures: [
          {
            name: "example.com/m/calc TestSub",
            file: "calc/calc_test.go",
            line: 12,
            message: "got 8, want 2",
          },
          { name: "example.com/m/broken (package)", message: "broken.go:3:1: syntax error" },
        ],
      },
    });
    expect(parseGoTestJson("no Go files", "example.com/m").ok).toBe(false);
  });

  it("cargo test: the summary lines of every binary, failures with their panic location", () => {
    const out = [
      "running 3 tests",
      "test tests::adds ... ok",
      "test tests::subs ... FAILED",
      "",
      "failures:",
      "",
      "---- tests::subs stdout ----",
      "thread 'tests::subs' panicked at src/lib.rs:12:9:",
      "assertion `left == right` failed",
      "",
      "test result: FAILED. 1 passed; 1 failed; 1 ignored; 0 measured; 0 filtered out",
      "test result: ok. 2 passed; 0 failed; 0 ignored; 0 measured; 0 filtered out",
    ].join("\n");
    expect(parseCargoTest(out)).toEqual({
      ok: true,
      value: {
        passed: 3,
        failed: 1,
        skipped: 1,
        failures: [
          {
            name: "tests::subs",
            file: "src/lib.rs",
            line: 12,
            message: "assertion `left == right` failed",
          },
        ],
      },
    });
    expect(parseCargoTest("error[E0425]: cannot find value").ok).toBe(false);
  });
});
