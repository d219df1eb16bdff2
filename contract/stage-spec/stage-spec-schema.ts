import { z } from "zod";
import { qualitySchema } from "../config/quality.js";
import { ALWAYS_PROTECTED_PATHS, chainEntrySchema, ROLE_NAMES, STAGE_NAMES } from "../config.js";
import { findingsSchema } from "../finding.js";
import { describeBranchNameProblem } from "./branch-name.js";
import { describeResultUrlProblem } from "./result-url.js";

const positive = z.int().positive();
const linkSchema = z.url({ protocol: /^https?$/ }).max(2_000);

const repositorySchema = z.strictObject({
  owner: z.string().regex(/^[A-Za-z\d](?:[A-Za-z\d]|-(?=[A-Za-z\d])){0,38}$/, {
    message: "must be a GitHub user or organisation name",
  }),
  name: z
    .string()
    .regex(/^[\w.-]{1,100}$/, { message: "must be a GitHub repository name" })
    .refine((name) => name !== "." && name !== "..", { message: "must be a repository name" }),
  id: positive,
});

const workItemSchema = z
  .strictObject({
    kind: z.enum(["kickoff", "issue", "release"]),
    /** The issue number; a kickoff has none. */
    number: positive.optional(),
    title: z.string().min(1).max(256),
    /** Where the full task text lives (the issue, or the README for a kickoff). */
    url: linkSchema,
  })
  .refine((item) => item.kind !== "issue" || item.number !== undefined, {
    path: ["number"],
    message: "is required for an issue",
  });

const feedbackSchema = z.strictObject({
  author: z.string().min(1).max(100),
  body: z.string(),
  /** The comment or review, where a truncated body can be read in full. */
  url: linkSchema.optional(),
});

const branchSchema = z.string().superRefine((name, ctx) => {
  const problem = describeBranchNameProblem(name);
  if (problem !== undefined) ctx.addIssue({ code: "custom", message: problem });
});

// Same rule as the config's allowed_commands: no shell operators to chain with.
const commandSchema = z.string().regex(/^[^;&|<>`$\r\n]{1,500}$/, {
  message: "must be a plain command with arguments, without shell operators",
});

const protectedPathsSchema = z
  .array(z.string().min(1).max(500))
  .max(300)
  .refine((globs) => ALWAYS_PROTECTED_PATHS.every((glob) => globs.includes(glob)), {
    message: `must include the always-protected ${ALWAYS_PROTECTED_PATHS.join(", ")}`,
  });

const specObjectSchema = z.strictObject({
  version: z.literal(1, { error: "unsupported version: this QuantaPilot reads version 1" }),
  stage_run_id: positive,
  repository: repositorySchema,
  work_item: workItemSchema,
  stage: z.enum(STAGE_NAMES),
  role: z.enum(ROLE_NAMES),
  work_branch: branchSchema,
  base_sha: z.string().regex(/^[0-9a-f]{40}$/, { message: "must be a 40-character commit SHA" }),
  iteration: z.int().nonnegative().max(100),
  task: z.string().min(1),
  human_feedback: z.array(feedbackSchema).max(50),
  prior_findings: findingsSchema,
  limits: z.strictObject({
    turns: positive,
    tokens: positive,
    usd: z.number().positive(),
    minutes: positive.max(360),
  }),
  models: z.partialRecord(z.enum(ROLE_NAMES), z.array(chainEntrySchema).min(1).max(5)),
  protected_paths: protectedPathsSchema,
  allowed_commands: z.array(commandSchema).max(100),
  result_url: z.string().max(2_000),
  audience: z.string().min(1).max(500),
  /** The test stage's gate thresholds and commands, from the default branch's config. */
  quality: qualitySchema.unwrap().optional(),
});

/**
 * What the app asks of one stage run (version 1): sent as the `spec` input of
 * the repository's `quantapilot.yml` workflow and read by the action. Every
 * object is strict, so a field added by a newer app is an error, not ignored.
 */
export const stageSpecSchema = specObjectSchema.superRefine((spec, ctx) => {
  const problem = describeResultUrlProblem(spec.result_url, spec.stage_run_id);
  if (problem !== undefined)
    ctx.addIssue({ code: "custom", path: ["result_url"], message: problem });
  if (spec.models[spec.role] === undefined) {
    ctx.addIssue({ code: "custom", path: ["models"], message: `must route the ${spec.role} role` });
  }
});
export type StageSpec = z.output<typeof stageSpecSchema>;
