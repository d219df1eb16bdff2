import { qualitySchema } from "../../../contract/config/quality.js";
import { qualityGateFindings } from "../../../contract/quality-gate-findings.js";
import type { QualityReport } from "../../../contract/quality-report.js";
import type { StageSpec } from "../../../contract/stage-spec.js";
import { runQualityChecks } from "../qa/run-quality-checks.js";
import type { StageContext, StageDefinition, StageProducts } from "./stage-definition.js";
import { ALL_TOOLS, bulletList } from "./stage-tools.js";

/** Each quality command's limit: long enough for an install and a full test run. */
const COMMAND_TIMEOUT_MS = 15 * 60_000;

const BRIEF = `# What this stage delivers

${bulletList([
  "Read the change on this branch and the acceptance criteria, then add the tests it lacks: behaviour, edge cases and errors, following AGENTS.md.",
  "Run the tests with `run` and fix the tests you wrote; do not change application code to make a test pass — report the bug in your summary instead.",
  "When you finish, the project's tests, coverage, lint and dependency audit are run and the quality gate of .github/quantapilot.yml is evaluated; its verdict, not your summary, decides whether the work moves on.",
])}`;

// The app sends the default branch's quality section; a spec without one gets the defaults.
function qualityOf(spec: StageSpec) {
  return spec.quality ?? qualitySchema.parse({});
}

function describeReport(report: QualityReport): string[] {
  const tests = report.tests;
  const ran =
    tests === null
      ? "no tests ran"
      : `${tests.passed} passed, ${tests.failed} failed, ${tests.skipped} skipped`;
  const coverage = report.coverage.total_pct === null ? "unknown" : `${report.coverage.total_pct}%`;
  const gate = report.gate.passed ? "passed" : `failed: ${report.gate.reasons.join("; ")}`;
  return [`Tests: ${ran}; coverage ${coverage}`, `Quality gate ${gate}`];
}

async function concludeTest(context: StageContext): Promise<StageProducts> {
  const report = await runQualityChecks({
    dir: context.root,
    baseSha: context.spec.base_sha,
    quality: qualityOf(context.spec),
    timeoutMs: Math.min(COMMAND_TIMEOUT_MS, context.spec.limits.minutes * 60_000),
    env: context.env,
    isolation: context.isolation ?? null,
    ...(context.signal === undefined ? {} : { signal: context.signal }),
  });
  return {
    qualityReport: report,
    findings: qualityGateFindings(report),
    highlights: describeReport(report),
  };
}

/**
 * test (qa): the agent adds tests; then the project's own checks run for
 * real and the gate is evaluated on their figures (`runQualityChecks`), so
 * the verdict is data, never the model's opinion.
 */
export const testStage: StageDefinition = {
  stage: "test",
  role: "qa",
  tools: ALL_TOOLS,
  writes: true,
  maxOutputTokens: 8_000,
  async open(context) {
    return { brief: BRIEF, tools: [], conclude: () => concludeTest(context) };
  },
};
