import { checkResultChanges } from "../../contract/check-result-changes.js";
import { ALWAYS_PROTECTED_PATHS, type QuantaPilotConfig } from "../../contract/config.js";
import type { StageResult } from "../../contract/stage-result.js";
import { findResultSecrets } from "./result-secrets.js";

/** What a result is checked against: the project's config, as validated. */
export type ResultPolicy = Pick<QuantaPilotConfig, "protected_paths" | "limits">;

/**
 * Why the app will not write `result`, one sentence each, or an empty list
 * when it may: the file changes against the protected paths and the result
 * limits (paths, symlinks, sizes, secrets in contents), then secrets anywhere
 * else a person or GitHub would see them.
 */
export function checkResult(result: StageResult, policy: ResultPolicy): string[] {
  // The config's list already starts with these; a hand-edited row must not drop them.
  const protectedPaths = [...new Set([...ALWAYS_PROTECTED_PATHS, ...policy.protected_paths])];
  const changes = checkResultChanges(result.changes, {
    protectedPaths,
    limits: policy.limits.result,
  });
  return [...changes.map((refusal) => refusal.message), ...findResultSecrets(result)];
}

// A check run shows the reasons; a thousand of them would only bury the first.
const MAX_REASONS = 10;

/** The refusal reasons as one line for the pipeline's `result_refused`. */
export function summariseRefusals(reasons: readonly string[]): string {
  const shown = reasons.slice(0, MAX_REASONS).map((reason) => reason.replace(/\.$/, ""));
  const more = reasons.length - shown.length;
  return more > 0 ? `${shown.join("; ")}; and ${more} more` : shown.join("; ");
}
