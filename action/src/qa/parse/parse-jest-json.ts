import { z } from "zod";
import type { TestFigures } from "../qa-step.js";
import { measured, type Reading, unreadable } from "../qa-step.js";
import { cleanMessage, clip, parseJson, toRepoPath, withoutStack } from "./text-tools.js";

type Tests = NonNullable<TestFigures["tests"]>;
type Failure = Tests["failures"][number];

const assertionSchema = z.looseObject({
  fullName: z.string().optional(),
  title: z.string(),
  status: z.string(),
  failureMessages: z.array(z.string()).nullish(),
  location: z.looseObject({ line: z.number() }).nullish(),
});

const reportSchema = z.looseObject({
  testResults: z.array(
    z.looseObject({
      name: z.string(),
      status: z.string().optional(),
      message: z.string().nullish(),
      assertionResults: z.array(assertionSchema),
    }),
  ),
});

const MAX_FAILURES = 200;

// The line the failure points at in the test file itself, from its stack; else the test's own line.
function failureLine(messages: readonly string[], file: string, fallback: number | undefined) {
  const escaped = file.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
  const match = new RegExp(`${escaped}:(\\d+):\\d+`).exec(messages.join("\n"));
  const line = match ? Number(match[1]) : fallback;
  return line !== undefined && line > 0 ? line : undefined;
}

function suiteFailure(dir: string, suite: z.output<typeof reportSchema>["testResults"][number]) {
  const file = toRepoPath(dir, suite.name);
  const failure: Failure = {
    name: clip(`${file ?? suite.name} (the test file failed to run)`, 1_000),
    ...(file && { file }),
    message: cleanMessage(suite.message ?? "the test file failed before its tests ran"),
  };
  return failure;
}

/**
 * Reads vitest's or jest's JSON reporter output (the same shape): counts
 * per status, and each failing test with its file and the line its stack
 * points at. A test file that failed to load counts as one failed test.
 * No tests at all is `tests: null`, never zero counts.
 */
export function parseJestJson(text: string, dir: string): Reading<Tests | null> {
  const json = parseJson(text, "the test runner's JSON report");
  if (!json.ok) return unreadable(json.why);
  const parsed = reportSchema.safeParse(json.value);
  if (!parsed.success) return unreadable("the test runner's JSON report has no testResults list");
  const tests: Tests = { passed: 0, failed: 0, skipped: 0, failures: [] };
  for (const suite of parsed.data.testResults) {
    const file = toRepoPath(dir, suite.name);
    for (const a of suite.assertionResults) {
      if (a.status === "passed") tests.passed += 1;
      else if (a.status === "failed") {
        tests.failed += 1;
        const messages = a.failureMessages ?? [];
        const line = failureLine(messages, suite.name, a.location?.line);
        if (tests.failures.length < MAX_FAILURES)
          tests.failures.push({
            name: clip(a.fullName || a.title || "(unnamed test)", 1_000),
            ...(file && { file }),
            ...(file && line !== undefined && { line }),
            message: cleanMessage(withoutStack(messages.join("\n"))),
          });
      } else tests.skipped += 1;
    }
    const suiteBroke =
      suite.status === "failed" && !suite.assertionResults.some((a) => a.status === "failed");
    if (suiteBroke) {
      tests.failed += 1;
      if (tests.failures.length < MAX_FAILURES) tests.failures.push(suiteFailure(dir, suite));
    }
  }
  return measured(tests.passed + tests.failed + tests.skipped === 0 ? null : tests);
}
