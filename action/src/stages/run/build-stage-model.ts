import type { StageSpec } from "../../../../contract/stage-spec.js";
import type { Env } from "../../agent/redactor.js";
import type { Clock } from "../../llm/clock.js";
import { createChatModel, type ModelChain } from "../../llm/create-chat-model.js";
import type { CallRecord } from "../../llm/fallback.js";
import { ModelChainError } from "../../llm/model-chain-error.js";
import { applyBaseUrlEnv } from "./apply-base-url-env.js";

/** The role's chain, or why there is none; and the key values to redact either way. */
export type StageModel = ({ ok: true; chain: ModelChain } | { ok: false; reason: string }) & {
  /** Values of the variables the chain's `api_key_env` names, whose names may look harmless. */
  keys: string[];
  /** One line per model that failed over to another during the run. */
  describeFallbacks(): string[];
};

/**
 * Builds the chain the spec routes for its role, with base URLs from the
 * job's env. A chain with no usable model (no key set) is not thrown: the
 * stage fails with the error's message, which names the secrets to set.
 */
export function buildStageModel(
  spec: StageSpec,
  options: { env: Env; clock: Clock; requestTimeoutMs?: number },
): StageModel {
  const chain = applyBaseUrlEnv(spec.models[spec.role] ?? [], options.env);
  const keys = chain.flatMap((entry) => {
    const value = entry.api_key_env === undefined ? undefined : options.env[entry.api_key_env];
    return value ? [value] : [];
  });
  try {
    const built = createChatModel({
      chain,
      role: spec.role,
      env: options.env,
      clock: options.clock,
      ...(options.requestTimeoutMs === undefined
        ? {}
        : { requestTimeoutMs: options.requestTimeoutMs }),
    });
    return {
      ok: true,
      chain: built,
      keys,
      describeFallbacks: () => describeFallbacks(built.model.history()),
    };
  } catch (error) {
    if (!(error instanceof ModelChainError)) throw error;
    return { ok: false, reason: error.message, keys, describeFallbacks: () => [] };
  }
}

function describeFallbacks(history: readonly CallRecord[]): string[] {
  const lines = history.flatMap(({ servedBy, attempts }) => {
    if (servedBy === undefined) return [];
    return attempts
      .filter((a) => a.outcome !== "served")
      .map(
        (a) =>
          `${a.provider} ${a.model} ${a.outcome} (${a.reason ?? "no reason"}); ${servedBy.provider} ${servedBy.model} answered instead`,
      );
  });
  return [...new Set(lines)];
}
