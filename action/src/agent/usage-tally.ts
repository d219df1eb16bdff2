import type { Completion, ProviderName } from "../llm/types.js";

/** What one model used over a run, for the stage result's `usage`. */
export interface ModelUsage {
  provider: ProviderName;
  model: string;
  calls: number;
  inputTokens: number;
  outputTokens: number;
  cacheReadTokens: number;
  cacheWriteTokens: number;
  usd: number;
}

/** Sums usage per provider and model, in the order models first answered. */
export interface UsageTally {
  add(completion: Completion, usd: number): void;
  list(): ModelUsage[];
}

/** Creates an empty tally. A fallback mid-run shows up as a second model. */
export function createUsageTally(): UsageTally {
  const byModel = new Map<string, ModelUsage>();
  return {
    add({ provider, model, usage }, usd) {
      const key = `${provider}\u0000${model}`;
      const sum = byModel.get(key) ?? empty(provider, model);
      byModel.set(key, {
        ...sum,
        calls: sum.calls + 1,
        inputTokens: sum.inputTokens + usage.inputTokens,
        outputTokens: sum.outputTokens + usage.outputTokens,
        cacheReadTokens: sum.cacheReadTokens + usage.cacheReadTokens,
        cacheWriteTokens: sum.cacheWriteTokens + usage.cacheWriteTokens,
        usd: sum.usd + usd,
      });
    },
    list: () => [...byModel.values()].map((usage) => ({ ...usage })),
  };
}

function empty(provider: ProviderName, model: string): ModelUsage {
  const zero = { inputTokens: 0, outputTokens: 0, cacheReadTokens: 0, cacheWriteTokens: 0 };
  return { provider, model, calls: 0, ...zero, usd: 0 };
}
