import { z } from "zod";

/**
 * Paths no agent result may touch, whatever the config says: the workflows
 * (which mint the tokens results are signed with) and QuantaPilot's own
 * config and prompt overrides, so an agent cannot rewrite its own policy.
 */
export const ALWAYS_PROTECTED_PATHS: readonly string[] = Object.freeze([
  ".github/workflows/**",
  ".github/quantapilot.yml",
  ".github/quantapilot/**",
]);

const globSchema = z
  .string()
  .min(1)
  .max(500)
  .refine((glob) => !glob.startsWith("!"), {
    message: "negated globs are not allowed: the list can only add protected paths",
  })
  .refine((glob) => !glob.startsWith("/") && !glob.split("/").includes(".."), {
    message: 'must be relative to the repository root, without a leading "/" or ".."',
  });

export const protectedPathsSchema = z
  .array(globSchema)
  .max(200)
  .default([])
  // The effective list: the always-protected paths first, then the config's.
  .transform((globs) => [...new Set([...ALWAYS_PROTECTED_PATHS, ...globs])])
  .describe(
    `Globs (relative to the repository root) that agent results may not change. Adds to the always-protected ${ALWAYS_PROTECTED_PATHS.join(", ")}, which cannot be removed.`,
  );
