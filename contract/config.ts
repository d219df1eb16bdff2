import { z } from "zod";
import { allowedCommandsSchema } from "./config/allowed-commands.js";
import { approversSchema } from "./config/approvers.js";
import { budgetsSchema } from "./config/budgets.js";
import { labelsSchema } from "./config/labels.js";
import { limitsSchema, runnerSchema } from "./config/limits.js";
import { modelsSchema } from "./config/models.js";
import { permissionsSchema } from "./config/permissions.js";
import { pricingSchema } from "./config/pricing.js";
import { protectedPathsSchema } from "./config/protected-paths.js";
import { qualitySchema } from "./config/quality.js";
import { gatesSchema, stagesSchema } from "./config/stages.js";

export { DEFAULT_ALLOWED_COMMANDS } from "./config/allowed-commands.js";
export {
  type ChainEntry,
  chainEntrySchema,
  MODEL_TIERS,
  type ModelTier,
  ROLE_NAMES,
  type RoleName,
  TIER_CHAINS,
} from "./config/models.js";
export {
  COMMAND_NAMES,
  type CommandName,
  isAtLeast,
  MINIMUM_PERMISSIONS,
  PERMISSION_LEVELS,
  type PermissionLevel,
} from "./config/permissions.js";
export { ALWAYS_PROTECTED_PATHS } from "./config/protected-paths.js";
export { STAGE_NAMES, type StageName } from "./config/stages.js";

/** Where a repository keeps its QuantaPilot configuration (default branch only). */
export const CONFIG_PATH = ".github/quantapilot.yml";

/**
 * The repository configuration, `.github/quantapilot.yml`. Every key has a
 * default, so an empty file is a valid config; every object is strict, so a
 * misspelt key is an error that names its path instead of being ignored.
 */
export const configSchema = z
  .strictObject({
    version: z
      .literal(1, { error: "unsupported version: this QuantaPilot reads version 1" })
      .default(1)
      .describe("Version of this file's format."),
    stages: stagesSchema,
    gates: gatesSchema,
    labels: labelsSchema,
    approvers: approversSchema,
    permissions: permissionsSchema,
    max_iterations: z
      .int()
      .min(1)
      .max(20)
      .default(3)
      .describe(
        "Round trips back to implement (failed gate, changes requested) before a human decides.",
      ),
    milestones: z
      .strictObject({
        sequential: z
          .boolean()
          .default(true)
          .describe("Run one milestone at a time; false lets milestone issues run in parallel."),
      })
      .prefault({})
      .describe("How the milestones of a plan are worked through."),
    budgets: budgetsSchema,
    models: modelsSchema,
    pricing: pricingSchema,
    quality: qualitySchema,
    protected_paths: protectedPathsSchema,
    allowed_commands: allowedCommandsSchema,
    limits: limitsSchema,
    runner: runnerSchema,
  })
  .meta({
    title: "QuantaPilot repository configuration",
    description: "Configuration of QuantaPilot for one repository, read from the default branch.",
  });

// Probot's syntax: "repo", "owner/repo" or "owner/repo:path/to/file.yml".
const EXTENDS = /^(?:[a-z\d](?:[a-z\d]|-(?=[a-z\d])){0,38}\/)?[-_.\w]+(?::[-_./\w]+\.ya?ml)?$/i;

/**
 * The file as written: the config plus Probot's `_extends`, which names a
 * config (often the org's `.github` repository) that this file overrides.
 * The loader resolves it; validation strips it.
 */
export const configFileSchema = configSchema
  .extend({
    _extends: z
      .string()
      .regex(EXTENDS, { message: 'must be "repo", "owner/repo" or "owner/repo:path/to/file.yml"' })
      .optional()
      .describe("A config this file extends, e.g. `.github` for the org's shared config."),
  })
  .meta({
    title: "QuantaPilot repository configuration (.github/quantapilot.yml)",
    description: "Configuration of QuantaPilot for one repository, read from the default branch.",
  });

/** A validated configuration with every default filled in. */
export type QuantaPilotConfig = z.output<typeof configSchema>;
/** What a configuration file may contain (every key optional). */
export type QuantaPilotConfigInput = z.input<typeof configSchema>;
