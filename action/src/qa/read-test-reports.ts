import { join } from "node:path";
import { parseCoveragePy } from "./parse/parse-coverage-py.js";
import { parseIstanbulSummary } from "./parse/parse-istanbul-summary.js";
import { parseJunitXml } from "./parse/parse-junit-xml.js";
import { parseLcov } from "./parse/parse-lcov.js";
import { measured, type Reading, type TestFigures, unreadable } from "./qa-step.js";
import { firstExisting, readText } from "./read-project-file.js";

type Coverage = Pick<TestFigures, "totalPct" | "lineHits" | "noCoverage">;

/**
 * Coverage from the reports a run left in `folder`: the istanbul summary
 * for the total, lcov or coverage.py JSON for line hits (and the total when
 * there is no summary). Absent reports say so; unreadable ones say why.
 */
export async function readCoverageReports(
  folder: string,
  dir: string,
  tool: string,
): Promise<Coverage> {
  const summaryText = await readText(join(folder, "coverage", "coverage-summary.json"));
  const lcovText = await readText(join(folder, "coverage", "lcov.info"));
  const pyText = await readText(join(folder, "coverage.json"));
  const lines =
    lcovText !== undefined
      ? parseLcov(lcovText, dir)
      : pyText !== undefined
        ? parseCoveragePy(pyText, dir)
        : undefined;
  const summary = summaryText === undefined ? undefined : parseIstanbulSummary(summaryText);
  if (summary?.ok === false) return { totalPct: null, lineHits: null, noCoverage: summary.why };
  if (lines?.ok === false)
    return { totalPct: summary?.value ?? null, lineHits: null, noCoverage: lines.why };
  if (summary === undefined && lines === undefined)
    return { totalPct: null, lineHits: null, noCoverage: `${tool} wrote no coverage report` };
  const totalPct = summary?.ok ? summary.value : (lines?.value.totalPct ?? null);
  return {
    totalPct,
    lineHits: lines?.value.lineHits ?? null,
    ...(totalPct === null && { noCoverage: "no line was instrumented" }),
  };
}

/**
 * What a test command the config names (or an unknown test script) left
 * behind: JUnit XML and coverage, looked for in the reports folder the
 * command was given ($QUANTAPILOT_REPORTS_DIR) and then in the checkout.
 */
export async function readLeftReports(
  reportsDir: string,
  dir: string,
  label: string,
): Promise<Reading<TestFigures>> {
  for (const folder of [reportsDir, dir]) {
    const junit = await firstExisting(folder, [
      "junit.xml",
      "report.xml",
      "test-results/junit.xml",
    ]);
    if (junit === undefined) continue;
    const text = (await readText(join(folder, junit))) ?? "";
    const tests = parseJunitXml(text, dir);
    if (!tests.ok) return unreadable(tests.why);
    const coverage = await readCoverageReports(folder, dir, `\`${label}\``);
    return measured({
      tests: tests.value,
      ...coverage,
      ...(tests.value === null && { noTests: `\`${label}\` reported no tests` }),
    });
  }
  return unreadable(
    `\`${label}\` left no JUnit XML to read results from: have it write $QUANTAPILOT_REPORTS_DIR/junit.xml (and coverage to $QUANTAPILOT_REPORTS_DIR/coverage/)`,
  );
}
