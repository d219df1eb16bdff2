import type { ProviderName } from "./types.js";

/** What happened to one model of the chain during one call (or when the chain was built). */
export interface ChainAttempt {
  provider: ProviderName;
  model: string;
  /** served: it answered; failed: it was called and failed; skipped: it was not called. */
  outcome: "served" | "failed" | "skipped";
  /** HTTP attempts made, retries included. */
  attempts: number;
  /** Why it failed or was skipped. */
  reason?: string;
}

/** Why no model could answer. */
export type ModelChainErrorCode = "no_usable_model" | "all_models_failed";

/**
 * No model of a role's chain could answer: none was usable (no API key, no
 * base URL), or every one failed or had its circuit open. The message names
 * each model with its reason and says what to do; `attempts` has the detail
 * for the stage result.
 */
export class ModelChainError extends Error {
  override readonly name = "ModelChainError";
  readonly code: ModelChainErrorCode;
  readonly attempts: readonly ChainAttempt[];

  constructor(code: ModelChainErrorCode, attempts: readonly ChainAttempt[], role?: string) {
    super(describe(code, attempts, role));
    this.code = code;
    this.attempts = attempts;
  }
}

function describe(code: ModelChainErrorCode, attempts: readonly ChainAttempt[], role?: string) {
  const head =
    code === "no_usable_model"
      ? "No model of the chain can be used"
      : "Every model of the chain failed";
  const list = attempts.map(
    (a) => `${a.provider} ${a.model}: ${a.outcome}, ${a.reason ?? "no reason"}`,
  );
  const key = role ? `models.${role}.chain` : "models.<role>.chain";
  const fix =
    code === "no_usable_model"
      ? `Set the API key secrets the job passes to the action, or change ${key} in .github/quantapilot.yml.`
      : `Check the providers' status and API keys, or add a fallback to ${key} in .github/quantapilot.yml; then re-run the stage.`;
  return `${head}${role ? ` for the ${role} role` : ""}: ${list.join("; ")}. ${fix}`;
}
