import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { evaluateQualityGate, type Quality } from "../../../contract/quality-gate.js";
import {
  type QualityMeasurement,
  type QualityReport,
  qualityReportSchema,
} from "../../../contract/quality-report.js";
import { detectToolchain } from "./detect-toolchain.js";
import { readChangedLines, toMeasurement } from "./measure-quality.js";
import { clip } from "./parse/text-tools.js";
import { type MaybeStep, type Reading, type Toolchain, unreadable } from "./qa-step.js";
import { type QaRunOptions, runQaCommand } from "./run-qa-command.js";
import { takeStep } from "./take-step.js";

/** What `runQualityChecks` needs: the checkout, its base, the config's quality section, limits. */
export interface QualityCheckOptions {
  dir: string;
  baseSha: string;
  quality: Quality;
  /** Each command's own limit; its whole process group is killed past it. */
  timeoutMs: number;
  /** Already scrubbed of secrets by the caller: commands get exactly this (plus CI flags). */
  env: NodeJS.ProcessEnv;
  signal?: AbortSignal;
  /** A prefix that runs each command isolated from this process (`findIsolationPrefix`); none: run as is. */
  isolation?: readonly string[] | null;
}

function commandEnv(env: NodeJS.ProcessEnv, reportsDir: string): Record<string, string> {
  const defined = Object.entries(env).filter((e): e is [string, string] => e[1] !== undefined);
  const fixed = {
    CI: "true",
    NO_COLOR: "1",
    FORCE_COLOR: "0",
    QUANTAPILOT_REPORTS_DIR: reportsDir,
  };
  return { ...Object.fromEntries(defined), ...fixed };
}

async function install(toolchain: Toolchain, options: QaRunOptions): Promise<string | undefined> {
  if (toolchain.install === null) return undefined;
  const run = await runQaCommand(toolchain.install, options);
  if (run.problem !== undefined) return `installing dependencies failed: ${run.problem}`;
  if (run.exitCode === 0) return undefined;
  const stderr = run.stderrTail.trim().split("\n").slice(-3).join(" ");
  return `installing dependencies failed: \`${run.label}\` exited ${run.exitCode}: ${clip(stderr, 400)}`;
}

async function measure(o: QualityCheckOptions, reportsDir: string): Promise<QualityMeasurement> {
  const options: QaRunOptions = {
    dir: o.dir,
    env: commandEnv(o.env, reportsDir),
    timeoutMs: o.timeoutMs,
    signal: o.signal ?? new AbortController().signal,
    isolation: o.isolation ?? null,
  };
  const place = { dir: o.dir, reportsDir };
  const first = await detectToolchain(place, o.quality.commands, options);
  const installFailed = await install(first, options);
  // Detected again after installing: the test runner's binary exists only now.
  const toolchain =
    first.install === null ? first : await detectToolchain(place, o.quality.commands, options);
  const take = <T>(s: MaybeStep<T>): Promise<Reading<T>> =>
    installFailed === undefined ? takeStep(s, options) : Promise.resolve(unreadable(installFailed));
  const changed = await readChangedLines(o.baseSha, options).then(
    (value) => ({ ok: true as const, value }),
    (error: Error) => unreadable<never>(error.message),
  );
  return toMeasurement({
    test: await take(toolchain.test),
    lint: await take(toolchain.lint),
    audit: await take(toolchain.audit),
    changed,
  });
}

function judged(measured: QualityMeasurement, quality: Quality, broke?: string): QualityReport {
  const verdict = evaluateQualityGate(measured, quality);
  const reasons = broke === undefined ? verdict.reasons : [broke, ...verdict.reasons];
  return {
    ...measured,
    gate: {
      passed: verdict.passed && broke === undefined,
      reasons: reasons.slice(0, 50),
      rules: verdict.rules,
    },
  };
}

const NOTHING: QualityMeasurement = {
  tests: null,
  coverage: { total_pct: null, changed_lines_pct: null },
  lint: { errors: null, warnings: null },
  vulnerabilities: { critical: null, high: null, moderate: null, low: null },
  docs_changed_with_code: false,
};

/**
 * The test stage's measurement of the checkout at `dir` and its verdict:
 * detects the toolchain (config commands win), installs from the lockfile
 * when needed, runs tests with coverage, the linter and the dependency
 * audit for real, each under `timeoutMs`, and reads their machine-readable
 * output; coverage of the lines changed since `baseSha`; docs along with
 * code. Never throws: a missing tool, unreadable output or a hung command
 * leaves its figure null, and the failed gate says which and why.
 */
export async function runQualityChecks(o: QualityCheckOptions): Promise<QualityReport> {
  const reportsDir = await mkdtemp(join(tmpdir(), "quantapilot-qa-"));
  try {
    const report = judged(await measure(o, reportsDir), o.quality);
    const valid = qualityReportSchema.safeParse(report);
    if (valid.success) return valid.data;
    const issue = valid.error.issues[0];
    return judged(
      NOTHING,
      o.quality,
      clip(
        `the quality report came out invalid (${issue?.path.join(".")}: ${issue?.message})`,
        1_000,
      ),
    );
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    return judged(NOTHING, o.quality, clip(`the quality checks broke: ${message}`, 1_000));
  } finally {
    await rm(reportsDir, { recursive: true, force: true });
  }
}
