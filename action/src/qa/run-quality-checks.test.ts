import { execFileSync } from "node:child_process";
import { chmodSync, mkdirSync, readFileSync, symlinkSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { qualitySchema } from "../../../contract/config/quality.js";
import { qualityReportSchema } from "../../../contract/quality-report.js";
import {
  checkoutFixture,
  type FixtureCheckout,
  makeCheckout,
} from "./checkout-fixture.test-support.js";
import { runQualityChecks } from "./run-quality-checks.js";

const defaults = qualitySchema.parse({});
const env = { PATH: process.env.PATH, HOME: process.env.HOME };
const checkouts: FixtureCheckout[] = [];
afterEach(() => {
  for (const c of checkouts.splice(0)) c.remove();
});

function fixture(name: string) {
  const checkout = checkoutFixture(name);
  checkouts.push(checkout);
  return checkout;
}

function project(files: Record<string, string>) {
  const checkout = makeCheckout(files);
  checkouts.push(checkout);
  return checkout;
}

const run = (
  c: FixtureCheckout,
  quality = defaults,
  more: { timeoutMs?: number; env?: NodeJS.ProcessEnv } = {},
) =>
  runQualityChecks({
    dir: c.dir,
    baseSha: c.baseSha,
    quality,
    timeoutMs: more.timeoutMs ?? 120_000,
    env: more.env ?? env,
  });

// Gone, or a zombie: killed, and waiting only for PID 1 to reap it.
function isRunning(pid: number): boolean {
  try {
    return !/^State:\s+Z/m.test(readFileSync(`/proc/${pid}/status`, "utf8"));
  } catch {
    return false;
  }
}

const noVulnerabilities = { critical: 0, high: 0, moderate: 0, low: 0 };
const cleanLint = { errors: 0, warnings: 0, problems: [] };
const row = (rule: string, threshold: string, figure: string, verdict: "pass" | "fail") => ({
  rule,
  threshold,
  figure,
  verdict,
});
const vulnerabilityRows = (figure = "0", verdict: "pass" | "fail" = "pass") => [
  row("Critical vulnerabilities", "≤ 0", figure, verdict),
  row("High vulnerabilities", "≤ 0", figure, verdict),
];

// Each fixture runs vitest with coverage and Biome for real: seconds each on a busy machine.
describe("runQualityChecks on fixture projects, run for real", { timeout: 120_000 }, () => {
  it("node-passing: tests pass, full coverage, no lint errors, docs with code; the gate passes", async () => {
    const report = await run(fixture("node-passing"));
    expect(report).toEqual({
      tests: { passed: 2, failed: 0, skipped: 0, failures: [] },
      coverage: { total_pct: 100, changed_lines_pct: 100 },
      lint: cleanLint,
      vulnerabilities: noVulnerabilities,
      docs_changed_with_code: true,
      gate: {
        passed: true,
        reasons: [],
        rules: [
          row("Tests pass", "all pass, at least one", "2 passed, 0 failed, 0 skipped", "pass"),
          row("Coverage", "≥ 80%", "100%", "pass"),
          row("Changed lines coverage", "≥ 70%", "100%", "pass"),
          row("Lint errors", "≤ 0", "0", "pass"),
          ...vulnerabilityRows(),
        ],
      },
    });
    expect(qualityReportSchema.parse(report)).toEqual(report);
  });

  it("node-failing-test: names the failing test at its file and line, and the lint error", async () => {
    const report = await run(fixture("node-failing-test"));
    expect(report.tests).toEqual({
      passed: 1,
      failed: 1,
      skipped: 1,
      failures: [
        {
          name: "sum adds two numbers",
          file: "test/sum.test.js",
          line: 6,
          message: "AssertionError: expected -1 to be 3 // Object.is equality",
        },
      ],
    });
    expect(report.lint).toEqual({
      errors: 1,
      warnings: 0,
      problems: [
        {
          file: "src/sum.js",
          line: 4,
          severity: "error",
          rule: "lint/correctness/noSelfAssign",
          message: "total is assigned to itself.",
        },
      ],
    });
    expect(report.coverage).toEqual({ total_pct: 100, changed_lines_pct: 100 });
    expect(report.docs_changed_with_code).toBe(false);
    expect(report.gate.passed).toBe(false);
    expect(report.gate.reasons).toEqual(["1 test failed", "1 lint error, more than the 0 allowed"]);
  });

  it("node-low-coverage: passing tests but half the code untested; coverage rules fail with figures", async () => {
    const report = await run(fixture("node-low-coverage"));
    expect(report.tests).toEqual({ passed: 1, failed: 0, skipped: 0, failures: [] });
    expect(report.coverage).toEqual({ total_pct: 50, changed_lines_pct: 50 });
    expect(report.gate).toEqual({
      passed: false,
      reasons: [
        "Coverage is 50%, below the 80% required",
        "Changed lines coverage is 50%, below the 70% required",
      ],
      rules: [
        row("Tests pass", "all pass, at least one", "1 passed, 0 failed, 0 skipped", "pass"),
        row("Coverage", "≥ 80%", "50%", "fail"),
        row("Changed lines coverage", "≥ 70%", "50%", "fail"),
        row("Lint errors", "≤ 0", "0", "pass"),
        ...vulnerabilityRows(),
      ],
    });
  });

  it("node-low-coverage passes a gate whose thresholds it meets", async () => {
    const lenient = qualitySchema.parse({ min_coverage: 50, min_changed_lines_coverage: 50 });
    const report = await run(fixture("node-low-coverage"), lenient);
    expect(report.gate).toMatchObject({ passed: true, reasons: [] });
  });

  it("node-no-tests: tests null (never a pass), no coverage figure, a failing gate saying so", async () => {
    const report = await run(fixture("node-no-tests"));
    expect(report).toEqual({
      tests: null,
      coverage: { total_pct: null, changed_lines_pct: null },
      lint: cleanLint,
      vulnerabilities: noVulnerabilities,
      docs_changed_with_code: false,
      unmeasured: {
        tests: "vitest found no tests",
        coverage: "no tests ran",
        changed_lines:
          "no line coverage report (lcov or coverage.py JSON) to match the changed lines",
      },
      gate: {
        passed: false,
        reasons: [
          "Tests not measured: vitest found no tests",
          "Coverage not measured: no tests ran",
          "Changed lines coverage not measured: no line coverage report (lcov or coverage.py JSON) to match the changed lines",
        ],
        rules: [
          row("Tests pass", "all pass, at least one", "no tests ran", "fail"),
          row("Coverage", "≥ 80%", "not measured", "fail"),
          row("Changed lines coverage", "≥ 70%", "not measured", "fail"),
          row("Lint errors", "≤ 0", "0", "pass"),
          ...vulnerabilityRows(),
        ],
      },
    });
  });

  const hasPytest = (() => {
    try {
      execFileSync("python3", ["-m", "pytest", "--version"], { stdio: "ignore" });
      return true;
    } catch {
      return false;
    }
  })();

  it.skipIf(!hasPytest)(
    "python-pytest (needs python3 with pytest): the failing test from JUnit XML, each missing tool named",
    async () => {
      const report = await run(fixture("python-pytest"));
      expect(report.tests).toEqual({
        passed: 1,
        failed: 1,
        skipped: 0,
        failures: [
          {
            name: "test_calc › test_sub",
            file: "test_calc.py",
            line: 9,
            message: "assert 8 == 2\n +  where 8 = sub(5, 3)",
          },
        ],
      });
      expect(report.gate.passed).toBe(false);
      expect(report.gate.reasons[0]).toBe("1 test failed");
      // Which tools exist varies by runner; whatever is missing must be named, never read as zero.
      for (const [figure, value] of [
        ["lint", report.lint.errors],
        ["vulnerabilities", report.vulnerabilities.high],
      ] as const) {
        if (value === null) expect(report.unmeasured?.[figure]).toMatch(/Ruff|pip-audit/);
      }
    },
  );
});

describe("runQualityChecks when things go wrong", { timeout: 60_000 }, () => {
  it("a test command that hangs is stopped at its timeout, with its whole process group", async () => {
    const c = project({ "package.json": "{}" });
    const quality = qualitySchema.parse({
      commands: { test: "sleep 60 & echo $! > child.pid; wait" },
    });
    const report = await run(c, quality, { timeoutMs: 1_500 });
    const why =
      "`sleep 60 & echo $! > child.pid; wait` did not finish within its 1.5 s timeout and was stopped";
    expect(report.tests).toBeNull();
    expect(report.unmeasured?.tests).toBe(why);
    expect(report.gate.reasons[0]).toBe(`Tests not measured: ${why}`);
    const pid = Number(readFileSync(join(c.dir, "child.pid"), "utf8"));
    expect(isRunning(pid)).toBe(false);
  });

  it("malformed JSON from the test runner gives a clear reason, not a crash", async () => {
    const c = project({
      "package.json": JSON.stringify({ scripts: { test: "vitest run" } }),
      "node_modules/.bin/vitest": [
        "#!/bin/sh",
        'for a in "$@"; do',
        '  case "$a" in --outputFile=*) printf "{not json" > "$(echo "$a" | cut -d= -f2-)";; esac',
        "done",
        "",
      ].join("\n"),
    });
    chmodSync(join(c.dir, "node_modules/.bin/vitest"), 0o755);
    const report = await run(c);
    expect(report.tests).toBeNull();
    expect(report.unmeasured?.tests).toMatch(
      /^the test runner's JSON report is not valid JSON \(.+\): "\{not json"$/,
    );
    expect(report.gate.passed).toBe(false);
  });

  it("malformed JUnit XML from a configured command gives a clear reason", async () => {
    const c = project({ "package.json": "{}" });
    const quality = qualitySchema.parse({
      commands: { test: 'echo "<html>oops" > "$QUANTAPILOT_REPORTS_DIR/junit.xml"' },
    });
    const report = await run(c, quality);
    expect(report.unmeasured?.tests).toBe("the JUnit report has no <testsuite> element");
  });

  it("a configured test command that leaves no report says where to write one", async () => {
    const c = project({ "package.json": "{}" });
    const report = await run(c, qualitySchema.parse({ commands: { test: "true" } }));
    expect(report.unmeasured?.tests).toMatch(
      /^`true` left no JUnit XML to read results from: have it write \$QUANTAPILOT_REPORTS_DIR\/junit\.xml/,
    );
  });

  it("a missing toolchain (go.mod without go on PATH) is named in the failed gate", async () => {
    const c = project({
      "go.mod": "module example.com/m\n\ngo 1.22\n",
      "m_test.go": "package m\n",
    });
    const bin = join(c.dir, ".bin-only-git");
    mkdirSync(bin);
    symlinkSync(
      execFileSync("sh", ["-c", "command -v git"], { encoding: "utf8" }).trim(),
      join(bin, "git"),
    );
    const report = await run(c, defaults, { env: { PATH: bin, HOME: env.HOME } });
    expect(report.tests).toBeNull();
    expect(report.unmeasured?.tests).toBe(
      "`go` is not installed on the runner (needed for `go test`)",
    );
    expect(report.gate.reasons).toContain(
      "Tests not measured: `go` is not installed on the runner (needed for `go test`)",
    );
    expect(report.gate.passed).toBe(false);
  });

  it("a checkout with no project at all says what it looked for", async () => {
    const c = project({ "notes.txt": "hello\n" });
    const report = await run(c);
    expect(report.gate.reasons[0]).toBe(
      "Tests not measured: no supported project found (package.json, pyproject.toml or requirements.txt, go.mod, Cargo.toml) and no quality.commands.test configured",
    );
  });

  it("a base that git does not know leaves changed lines and docs unmeasured, saying why", async () => {
    const c = project({ "package.json": "{}" });
    const report = await runQualityChecks({
      dir: c.dir,
      baseSha: "0".repeat(40),
      quality: defaults,
      timeoutMs: 30_000,
      env,
    });
    expect(report.coverage.changed_lines_pct).toBeNull();
    expect(report.unmeasured?.docs).toMatch(/^`git .*diff.*` failed: fatal: bad object 0{40}/);
  });

  it("a package.json that is not JSON is a reason, not a crash", async () => {
    const c = project({ "package.json": "{ nope" });
    const report = await run(c);
    expect(report.unmeasured?.tests).toMatch(/^package\.json is not valid JSON: /);
  });

  it("an install that fails explains every figure it left unmeasured", async () => {
    const c = project({ "package.json": "{}" });
    const quality = qualitySchema.parse({
      commands: { install: "echo broken registry >&2; exit 3" },
    });
    const report = await run(c, quality);
    const why =
      "installing dependencies failed: `echo broken registry >&2; exit 3` exited 3: broken registry";
    expect(report.unmeasured).toMatchObject({ tests: why, lint: why, vulnerabilities: why });
  });

  it("an aborted stage run stops the command at once", async () => {
    const c = project({ "package.json": "{}" });
    const controller = new AbortController();
    controller.abort();
    const quality = qualitySchema.parse({ commands: { test: "sleep 60" } });
    const report = await runQualityChecks({
      dir: c.dir,
      baseSha: c.baseSha,
      quality,
      timeoutMs: 60_000,
      env,
      signal: controller.signal,
    });
    expect(report.unmeasured?.tests).toBe("`sleep 60` was stopped: the stage run was aborted");
  });

  it("a configured lint command printing ESLint JSON is read with its locations", async () => {
    const c = project({ "package.json": "{}" });
    const eslint = [
      {
        filePath: join(c.dir, "src/a.js"),
        messages: [{ ruleId: "no-undef", severity: 2, message: "x is not defined", line: 3 }],
      },
    ];
    writeFileSync(join(c.dir, "eslint.json"), JSON.stringify(eslint));
    const report = await run(c, qualitySchema.parse({ commands: { lint: "cat eslint.json" } }));
    expect(report.lint).toEqual({
      errors: 1,
      warnings: 0,
      problems: [
        {
          file: "src/a.js",
          line: 3,
          severity: "error",
          rule: "no-undef",
          message: "x is not defined",
        },
      ],
    });
  });
});
