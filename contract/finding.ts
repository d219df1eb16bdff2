import { z } from "zod";

/** How much a finding matters to the next stage. */
export const FINDING_SEVERITIES = ["error", "warning", "info"] as const;

/**
 * Something a stage wants the next one to act on: a failing test, a review
 * remark, a gate reason. Sent back in a stage result, handed forward in the
 * next stage spec as a prior finding.
 */
export const findingSchema = z.strictObject({
  severity: z.enum(FINDING_SEVERITIES),
  message: z.string().min(1).max(20_000),
  path: z.string().min(1).max(4_096).optional(),
  line: z.int().positive().optional(),
});
export type Finding = z.output<typeof findingSchema>;

/** At most this many findings travel between stages; more would drown the next prompt. */
export const MAX_FINDINGS = 200;

export const findingsSchema = z.array(findingSchema).max(MAX_FINDINGS);
