import type { z } from "zod";
import { configFileSchema, type QuantaPilotConfig } from "../config.js";
import type { ConfigIssue, ConfigPath } from "./config-error.js";
import { describeIssue } from "./describe-issue.js";
import { knownKeys } from "./known-keys.js";
import { suggestKey } from "./suggest-key.js";

export type ValidateConfigResult =
  | { ok: true; config: QuantaPilotConfig }
  | { ok: false; issues: ConfigIssue[] };

function describeUnknownKey(path: ConfigPath, key: string): string {
  const known = knownKeys(configFileSchema, path);
  const guess = suggestKey(key, known);
  if (guess !== undefined) return `unknown key "${key}"; did you mean "${guess}"?`;
  return known.length > 0
    ? `unknown key "${key}"; known keys: ${known.join(", ")}`
    : `unknown key "${key}"`;
}

// One issue per unknown key, so each points at its own line.
function toConfigIssues(issue: z.core.$ZodIssue): ConfigIssue[] {
  const path = issue.path.map((segment) =>
    typeof segment === "symbol" ? String(segment) : segment,
  );
  if (issue.code !== "unrecognized_keys") return [{ path, message: issue.message }];
  return issue.keys.map((key) => ({
    path: [...path, key],
    message: describeUnknownKey(path, key),
  }));
}

/**
 * Validates the content of a config file (already parsed from YAML) and fills
 * in defaults. `_extends` is checked and dropped: resolving it is the
 * loader's job.
 */
export function validateConfig(value: unknown): ValidateConfigResult {
  const parsed = configFileSchema.safeParse(value, { error: describeIssue });
  if (!parsed.success) return { ok: false, issues: parsed.error.issues.flatMap(toConfigIssues) };
  const { _extends, ...config } = parsed.data;
  return { ok: true, config };
}
