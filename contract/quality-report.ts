import { z } from "zod";

// null everywhere below means "not measured", never zero: a project without a
// linter has lint errors null, not 0, so a gate cannot mistake silence for success.
const count = z.int().nonnegative().nullable();
const percent = z.number().min(0).max(100).nullable().default(null);

const testFailureSchema = z.strictObject({
  name: z.string().min(1).max(1_000),
  file: z.string().min(1).max(4_096).optional(),
  line: z.int().positive().optional(),
  message: z.string().max(10_000),
});

const testsSchema = z
  .strictObject({
    passed: z.int().nonnegative(),
    failed: z.int().nonnegative(),
    skipped: z.int().nonnegative(),
    failures: z.array(testFailureSchema).max(200),
  })
  .refine((t) => t.passed + t.failed + t.skipped > 0, {
    message: "a run with no tests is reported as tests: null, not as zero counts",
  })
  .refine((t) => t.failures.length <= t.failed, {
    path: ["failures"],
    message: "lists more failures than the failed count",
  });

const lintProblemSchema = z.strictObject({
  file: z.string().min(1).max(4_096),
  line: z.int().positive().optional(),
  severity: z.enum(["error", "warning"]),
  rule: z.string().max(200).optional(),
  message: z.string().max(2_000),
});

/** One row of the gate's table: a rule, what it asks, what was measured, the verdict. */
const gateRuleSchema = z.strictObject({
  rule: z.string().min(1).max(200),
  threshold: z.string().max(200),
  figure: z.string().max(500),
  verdict: z.enum(["pass", "fail"]),
});

// Why a figure is null, named by the figure; optional so earlier reports stay valid.
const unmeasuredSchema = z.strictObject({
  tests: z.string().max(1_000).optional(),
  coverage: z.string().max(1_000).optional(),
  changed_lines: z.string().max(1_000).optional(),
  lint: z.string().max(1_000).optional(),
  vulnerabilities: z.string().max(1_000).optional(),
  docs: z.string().max(1_000).optional(),
});

const gateSchema = z
  .strictObject({
    passed: z.boolean(),
    reasons: z.array(z.string().min(1).max(1_000)).max(50),
    /** The rules evaluated, in order; absent in reports from before rules were listed. */
    rules: z.array(gateRuleSchema).max(20).optional(),
  })
  // A gate that fails must say why, or nobody can act on it.
  .refine((g) => g.passed || g.reasons.length > 0, {
    path: ["reasons"],
    message: "a failed gate names at least one reason",
  });

/**
 * What the test stage measured, and its verdict on the quality gate.
 * `tests: null` means the project has no tests (or none ran): that is never
 * counted as passing.
 */
export const qualityReportSchema = z.strictObject({
  tests: testsSchema.nullable(),
  coverage: z.strictObject({
    /** Line coverage of the whole project, in percent; null when unknown. */
    total_pct: percent,
    /** Coverage of the lines this work item changed, in percent; null when unknown. */
    changed_lines_pct: percent,
  }),
  lint: z.strictObject({
    errors: count,
    warnings: count,
    /** Where the linter complained, for annotations and findings; capped, so counts may exceed it. */
    problems: z.array(lintProblemSchema).max(200).optional(),
  }),
  vulnerabilities: z.strictObject({ critical: count, high: count, moderate: count, low: count }),
  docs_changed_with_code: z.boolean(),
  /** Why a null figure was not measured (the tool missing, its output unreadable…). */
  unmeasured: unmeasuredSchema.optional(),
  gate: gateSchema,
});
/** A validated quality report; omitted coverage numbers read as null. */
export type QualityReport = z.output<typeof qualityReportSchema>;
/** What was measured: a report without the verdict. */
export type QualityMeasurement = Omit<QualityReport, "gate">;
/** One row of the gate's table. */
export type QualityGateRule = z.output<typeof gateRuleSchema>;
/** Why figures are null, by figure. */
export type Unmeasured = z.output<typeof unmeasuredSchema>;
