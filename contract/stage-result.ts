import { z } from "zod";
import { modelNameSchema } from "./config/models.js";
import { findingsSchema } from "./finding.js";
import { qualityReportSchema } from "./quality-report.js";

/** How a stage run ended, as the action saw it. */
export const STAGE_OUTCOMES = ["succeeded", "failed", "no_changes", "refused_by_guard"] as const;
export type StageOutcome = (typeof STAGE_OUTCOMES)[number];

/** Git file modes a result may write: a file, an executable, a symlink. */
export const FILE_MODES = ["100644", "100755", "120000"] as const;

// Path safety (traversal, .git, protected paths) is checked by
// checkResultChanges, so each refusal names its rule; here only the shape.
const pathSchema = z.string().min(1).max(4_096);
const oneLine = (max: number) =>
  z
    .string()
    .max(max)
    .regex(/^[^\r\n]*$/, { message: "must be a single line" });

const upsertSchema = z
  .strictObject({
    path: pathSchema,
    action: z.literal("upsert"),
    /** Absent: a new file is 100644, an existing one keeps its mode. For 120000 the content is the link target. */
    mode: z.enum(FILE_MODES).optional(),
    encoding: z.enum(["utf8", "base64"]),
    content: z.string({ error: "is required when action is upsert" }),
  })
  .refine((c) => c.encoding !== "base64" || z.base64().safeParse(c.content).success, {
    path: ["content"],
    message: "is not valid base64",
  });

const deleteSchema = z.strictObject({
  path: pathSchema,
  action: z.literal("delete"),
  encoding: z.enum(["utf8", "base64"]).optional(),
  content: z.never({ error: "must be absent when action is delete" }).optional(),
});

/** One file written or deleted on the work branch. */
export const fileChangeSchema = z.discriminatedUnion("action", [upsertSchema, deleteSchema]);
export type FileChange = z.output<typeof fileChangeSchema>;

const reviewCommentSchema = z.strictObject({
  path: pathSchema,
  line: z.int().positive(),
  side: z.enum(["LEFT", "RIGHT"]).optional(),
  body: z.string().min(1).max(60_000),
});
export type ReviewComment = z.output<typeof reviewCommentSchema>;

// GitHub refuses a COMMENT or REQUEST_CHANGES review without a body.
const reviewSchema = z
  .strictObject({
    event: z.enum(["COMMENT", "APPROVE", "REQUEST_CHANGES"]),
    body: z.string().max(60_000),
    comments: z.array(reviewCommentSchema).max(50),
  })
  .refine((r) => r.event === "APPROVE" || r.body.trim() !== "", {
    path: ["body"],
    message: "is required for a COMMENT or REQUEST_CHANGES review",
  });

const tokens = z.int().nonnegative();
const usageSchema = z.strictObject({
  provider: z.enum(["anthropic", "openai", "openai-compatible"]),
  model: modelNameSchema,
  input_tokens: tokens,
  output_tokens: tokens,
  cache_read_tokens: tokens,
  cache_write_tokens: tokens,
  usd: z.number().nonnegative().max(1_000_000),
});

const resultObjectSchema = z.strictObject({
  version: z.literal(1, { error: "unsupported version: this QuantaPilot reads version 1" }),
  stage_run_id: z.int().positive(),
  outcome: z.enum(STAGE_OUTCOMES),
  reason: oneLine(300).min(1),
  changes: z.array(fileChangeSchema).max(1_000),
  commit_message: z.string().max(20_000),
  // 60,000 leaves the app room for its footer under GitHub's 65,536-character body limit.
  pr: z.strictObject({ title: oneLine(256), body: z.string().max(60_000) }),
  review: reviewSchema.optional(),
  quality_report: qualityReportSchema.optional(),
  findings: findingsSchema,
  usage: z.array(usageSchema).max(1_000),
  prompt_versions: z.record(z.string().regex(/^[a-z][a-z0-9_-]{0,63}$/), oneLine(100).min(1)),
  transcript_digest: z.string().regex(/^[0-9a-f]{64}$/, { message: "must be a sha256 hex digest" }),
  limits_hit: z
    .array(z.string().regex(/^[a-z][a-z0-9_]{0,63}$/))
    .max(20)
    .optional(),
});

/**
 * What the action sends back (`POST /api/stage-runs/{id}/result`, version 1):
 * the file changes as data plus everything the app needs to write the commit,
 * the PR, the review and the check run. Only a succeeded run carries changes,
 * and changes come with a commit message and a PR title.
 */
export const stageResultSchema = resultObjectSchema
  .refine((r) => r.changes.length === 0 || r.outcome === "succeeded", {
    path: ["changes"],
    message: "must be empty unless the outcome is succeeded",
  })
  .refine((r) => r.changes.length === 0 || r.commit_message.trim() !== "", {
    path: ["commit_message"],
    message: "is required when there are changes",
  })
  .refine((r) => r.changes.length === 0 || r.pr.title.trim() !== "", {
    path: ["pr", "title"],
    message: "is required when there are changes",
  });
export type StageResult = z.output<typeof stageResultSchema>;
