import { createAnthropicChatModel } from "../action/src/llm/anthropic.js";
import { createOpenAIChatModel } from "../action/src/llm/openai.js";
import type { ChatModel } from "../action/src/llm/types.js";
import { anthropicToolUse, startFakeAnthropicServer } from "../test/fakes/anthropic-server.js";
import { openaiToolCalls, startFakeOpenAIServer } from "../test/fakes/openai-server.js";
import type { ScriptedServer } from "../test/fakes/scripted-server.js";
import { type CacheSplit, startCacheProxy } from "./action-cache-proxy.js";
import { type Assembly, runTenTurns, TEN_TURNS } from "./action-ten-turns.js";

const API_KEY = "sk-bench-key";
/** Two tasks on the same commit, one after the other: what a stage after another sees. */
const TASKS = ["Add a greet(name) function with a test.", "Add a farewell(name) function."];

/** Shares of input tokens served from the cache (0–1), for one provider and one assembly. */
export interface CacheShare {
  provider: "anthropic" | "openai";
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

type Provider = CacheShare["provider"];

async function startFake(provider: Provider): Promise<ScriptedServer> {
  return provider === "anthropic"
    ? startFakeAnthropicServer({ apiKey: API_KEY })
    : startFakeOpenAIServer({ apiKey: API_KEY });
}

function modelFor(provider: Provider, origin: string): ChatModel {
  return provider === "anthropic"
    ? createAnthropicChatModel({ model: "claude-sonnet-4-0", apiKey: API_KEY, baseURL: origin })
    : createOpenAIChatModel({
        provider: "openai",
        model: "gpt-4.1",
        apiKey: API_KEY,
        baseURL: `${origin}/v1`,
      });
}

function script(provider: Provider, server: ScriptedServer, run: number): void {
  for (const [turn, call] of TEN_TURNS.entries()) {
    const id = `call_${run}_${turn}`;
    server.enqueue(
      provider === "anthropic"
        ? anthropicToolUse([{ id, name: call.name, input: call.input }])
        : openaiToolCalls([{ id, name: call.name, arguments: call.input }]),
    );
  }
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
