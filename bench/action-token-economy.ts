import { type CacheSplit, startCacheProxy } from "./action-cache-proxy.js";
import { modelFor, type Provider, script, startFake } from "./action-fake-provider.js";
import { type Assembly, runTenTurns, TEN_TURNS } from "./action-ten-turns.js";

/** Two tasks on the same commit, one after the other: what a stage after another sees. */
const TASKS = ["Add a greet(name) function with a test.", "Add a farewell(name) function."];

/** Shares of input tokens served from the cache (0–1), for one provider and one assembly. */
export interface CacheShare {
  provider: Provider;
  assembly: Assembly;
  /** Turns 2–10 of the first task. */
  afterTurnOne: number;
  /** The first turn of the second task: the stable prefix reused across runs. */
  nextTaskFirstTurn: number;
  /** Every call of both tasks but the very first. */
  overall: number;
  /** Input tokens of the first call, as the fake cache counted them. */
  firstCallTokens: number;
}

function share(splits: readonly CacheSplit[]): number {
  const input = splits.reduce((sum, split) => sum + split.input, 0);
  return input === 0 ? 0 : splits.reduce((sum, split) => sum + split.cacheRead, 0) / input;
}

/**
 * Runs the scripted ten-turn task twice (two tasks on the same commit)
 * through the real SDK of `provider`, behind a proxy that accounts cache
 * reads the way the provider does, and reports the shares served from cache.
 */
export async function measureCacheShare(
  provider: Provider,
  assembly: Assembly,
): Promise<CacheShare> {
  const server = await startFake(provider);
  const proxy = await startCacheProxy(provider, server.origin);
  try {
    const model = modelFor(provider, proxy.origin);
    for (const [run, task] of TASKS.entries()) {
      script(provider, server, run);
      const result = await runTenTurns(model, task, assembly);
      if (result.outcome !== "finished" || result.turns !== TEN_TURNS.length) {
        throw new Error(
          `token economy: ${provider} ${assembly} run ${run} ended ${result.outcome} after ${result.turns} turns: ${result.summary}`,
        );
      }
    }
    const { splits } = proxy;
    const turns = TEN_TURNS.length;
    return {
      provider,
      assembly,
      afterTurnOne: share(splits.slice(1, turns)),
      nextTaskFirstTurn: share(splits.slice(turns, turns + 1)),
      overall: share(splits.slice(1)),
      firstCallTokens: splits[0]?.input ?? 0,
    };
  } finally {
    await proxy.close();
    await server.close();
  }
}

/** Both providers, stable-first and the task-first baseline. */
export async function measureTokenEconomy(): Promise<CacheShare[]> {
  const shares: CacheShare[] = [];
  for (const provider of ["anthropic", "openai"] as const) {
    for (const assembly of ["stable-first", "task-first"] as const) {
      shares.push(await measureCacheShare(provider, assembly));
    }
  }
  return shares;
}
