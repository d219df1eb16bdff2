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

const gateSchema = z
  .strictObject({
    passed: z.boolean(),
    reasons: z.array(z.string().min(1).max(1_000)).max(50),
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
  lint: z.strictObject({ errors: count, warnings: count }),
  vulnerabilities: z.strictObject({ critical: count, high: count, moderate: count, low: count }),
  docs_changed_with_code: z.boolean(),
  gate: gateSchema,
});
/** A validated quality report; omitted coverage numbers read as null. */
export type QualityReport = z.output<typeof qualityReportSchema>;
