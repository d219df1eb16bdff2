import { join } from "node:path";
import { parseJestJson } from "../parse/parse-jest-json.js";
import {
  type MaybeStep,
  measured,
  type QaStep,
  type Reading,
  type TestFigures,
  unreadable,
} from "../qa-step.js";
import { exists, findNodeBin, hasNodePackage, readText } from "../read-project-file.js";
import { readCoverageReports, readLeftReports } from "../read-test-reports.js";
import type { QaRun } from "../run-qa-command.js";
import { type NodePackage, usesTool } from "./node-package.js";

/** Where the step runs and leaves its reports. */
export interface StepPlace {
  dir: string;
  reportsDir: string;
}

function runFailure(run: QaRun, report: string): string {
  if (run.problem !== undefined) return run.problem;
  const stderr = run.stderrTail.trim().split("\n").slice(-3).join(" ").slice(0, 400);
  return `\`${run.label}\` wrote no ${report} (exit ${run.exitCode})${stderr ? `: ${stderr}` : ""}`;
}

async function readJsonRun(
  place: StepPlace,
  run: QaRun,
  file: string,
  tool: string,
): Promise<Reading<TestFigures>> {
  if (run.problem !== undefined) return unreadable(run.problem);
  const text = await readText(join(place.reportsDir, file));
  if (text === undefined) return unreadable(runFailure(run, `${tool} JSON report`));
  const tests = parseJestJson(text, place.dir);
  if (!tests.ok) return tests;
  const coverage = await readCoverageReports(place.reportsDir, place.dir, tool);
  const noTests = tests.value === null ? { noTests: `${tool} found no tests` } : {};
  return measured({ tests: tests.value, ...coverage, ...noTests });
}

async function hasVitestCoverage(dir: string): Promise<boolean> {
  return (
    (await hasNodePackage(dir, "@vitest/coverage-v8")) ||
    (await hasNodePackage(dir, "@vitest/coverage-istanbul"))
  );
}

async function vitestStep(place: StepPlace, bin: readonly string[]): Promise<QaStep<TestFigures>> {
  const coverage = await hasVitestCoverage(place.dir);
  const coverageArgs = coverage
    ? [
        "--coverage.enabled=true",
        "--coverage.reportOnFailure=true",
        "--coverage.reporter=json-summary",
        "--coverage.reporter=lcov",
        `--coverage.reportsDirectory=${join(place.reportsDir, "coverage")}`,
      ]
    : [];
  const argv = [
    ...bin,
    "run",
    "--reporter=json",
    `--outputFile=${join(place.reportsDir, "vitest.json")}`,
    "--passWithNoTests",
    "--includeTaskLocation",
    ...coverageArgs,
  ];
  return {
    command: { label: "vitest run", argv },
    read: async (run) => {
      const read = await readJsonRun(place, run, "vitest.json", "vitest");
      if (!read.ok || coverage) return read;
      return measured({
        ...read.value,
        totalPct: null,
        lineHits: null,
        noCoverage: "no vitest coverage provider is installed (add @vitest/coverage-v8)",
      });
    },
  };
}

async function jestStep(place: StepPlace, bin: readonly string[]): Promise<QaStep<TestFigures>> {
  const argv = [
    ...bin,
    "--ci",
    "--json",
    `--outputFile=${join(place.reportsDir, "jest.json")}`,
    "--testLocationInResults",
    "--passWithNoTests",
    "--coverage",
    "--coverageReporters=json-summary",
    "--coverageReporters=lcov",
    `--coverageDirectory=${join(place.reportsDir, "coverage")}`,
  ];
  return {
    command: { label: "jest", argv },
    read: (run) => readJsonRun(place, run, "jest.json", "jest"),
  };
}

/** A test script QuantaPilot cannot read directly: only the reports it leaves count. */
export function scriptStep(
  place: StepPlace,
  argv: readonly string[],
  label: string,
): QaStep<TestFigures> {
  return {
    command: { label, argv },
    read: async (run) =>
      run.problem !== undefined
        ? unreadable(run.problem)
        : readLeftReports(place.reportsDir, place.dir, label),
  };
}

// yarn Plug'n'Play has no node_modules: yarn runs the binary itself.
async function locateBin(dir: string, name: string): Promise<string[] | undefined> {
  const bin = await findNodeBin(dir, name);
  if (bin !== undefined) return [bin];
  return (await exists(dir, ".pnp.cjs")) ? ["yarn", name] : undefined;
}

/**
 * The Node.js test step: vitest or jest run directly with a JSON reporter
 * and coverage, else the `test` script; none when the project has no tests.
 */
export async function nodeTestStep(
  place: StepPlace,
  pkg: NodePackage,
): Promise<MaybeStep<TestFigures>> {
  for (const [tool, make] of [
    ["vitest", vitestStep],
    ["jest", jestStep],
  ] as const) {
    if (!usesTool(pkg, tool)) continue;
    const bin = await locateBin(place.dir, tool);
    if (bin === undefined)
      return {
        skipped: `${tool} is not installed in node_modules: install the dependencies first (quality.commands.install)`,
      };
    return make(place, bin);
  }
  if (pkg.scripts.test !== undefined)
    return scriptStep(place, [pkg.manager, "run", "test"], `${pkg.manager} run test`);
  return {
    skipped: "the project has no tests: no vitest or jest, and no test script in package.json",
  };
}
