import type {
  ChainEntry,
  ModelTier,
  QuantaPilotConfig,
  RoleName,
} from "../../../contract/config.js";
import { type BreakerOptions, CircuitBreaker, DEFAULT_BREAKER_OPTIONS } from "./circuit-breaker.js";
import { type Clock, systemClock } from "./clock.js";
import { createProviderModel, endpointOf } from "./create-provider-model.js";
import { type ChainLink, createFallbackChatModel, type FallbackChatModel } from "./fallback.js";
import { type ChainAttempt, ModelChainError } from "./model-chain-error.js";
import { type Env, resolveApiKey } from "./resolve-api-key.js";
import { DEFAULT_RETRY_POLICY, type RetryPolicy } from "./retry.js";
import { selectChain, type TaskSize } from "./select-chain.js";
import type { ModelRef } from "./types.js";

/**
 * Where the chain comes from: the repo config's `models` (tier moved by task
 * size, see `selectChain`), or a chain already routed, as the stage spec's
 * `models[role]` carries it.
 */
export type ChainSource =
  | { models: QuantaPilotConfig["models"]; size?: TaskSize }
  | { chain: readonly ChainEntry[] };

/** Everything needed to build a role's model chain; only the source, `role` and `env` are required. */
export type CreateChatModelOptions = ChainSource & {
  role: RoleName;
  /** Where API keys are read; the entry passes `process.env`. */
  env: Env;
  clock?: Clock;
  random?: () => number;
  retry?: RetryPolicy;
  breaker?: BreakerOptions;
  /** Breakers by endpoint, shared by all chains of a stage run so an outage counts once. */
  breakers?: Map<string, CircuitBreaker>;
  requestTimeoutMs?: number;
};

/** A role's chain, ready to call, and how it was put together. */
export interface ModelChain {
  model: FallbackChatModel;
  /** The tier, when the chain came from the config. */
  tier?: ModelTier;
  /** Why this chain: routed by the spec, configured, the role's tier, or a tier moved by size. */
  why: string;
  /** The models in use, in the order they are tried. */
  refs: readonly ModelRef[];
  /** Models of the chain left out (no API key), each with the reason. */
  skipped: readonly ChainAttempt[];
}

/**
 * Builds the fallback chain for a role from the config and the environment.
 * Entries whose key is missing are skipped with a recorded reason; if none
 * is left, throws {@link ModelChainError} (`no_usable_model`) saying which
 * secrets to set.
 */
export function createChatModel(options: CreateChatModelOptions): ModelChain {
  const clock = options.clock ?? systemClock;
  const routed = routeChain(options);
  const { links, skipped } = buildLinks(routed.chain, options, clock);
  if (links.length === 0) throw new ModelChainError("no_usable_model", skipped, options.role);
  const model = createFallbackChatModel(links, {
    policy: options.retry ?? DEFAULT_RETRY_POLICY,
    clock,
    random: options.random ?? Math.random,
    skipped,
    role: options.role,
  });
  const refs = links.map((l) => l.ref);
  return { model, ...(routed.tier ? { tier: routed.tier } : {}), why: routed.why, refs, skipped };
}

interface RoutedChain {
  chain: readonly ChainEntry[];
  why: string;
  tier?: ModelTier;
}

function routeChain(source: ChainSource & { role: RoleName }): RoutedChain {
  if ("chain" in source) return { chain: source.chain, why: "the chain the stage spec routes" };
  return selectChain(source.models[source.role], source.size);
}

function buildLinks(chain: readonly ChainEntry[], options: CreateChatModelOptions, clock: Clock) {
  const breakers = options.breakers ?? new Map<string, CircuitBreaker>();
  const links: ChainLink[] = [];
  const skipped: ChainAttempt[] = [];
  for (const entry of chain) {
    const ref = { provider: entry.provider, model: entry.model };
    const key = resolveApiKey(entry, options.env);
    if (!key.ok) {
      skipped.push({ ...ref, outcome: "skipped", attempts: 0, reason: key.reason });
      continue;
    }
    const model = createProviderModel(entry, key.apiKey, options.requestTimeoutMs);
    links.push({ ref, model, breaker: breakerFor(endpointOf(entry), breakers, options, clock) });
  }
  return { links, skipped };
}

function breakerFor(
  endpoint: string,
  breakers: Map<string, CircuitBreaker>,
  options: CreateChatModelOptions,
  clock: Clock,
): CircuitBreaker {
  const existing = breakers.get(endpoint);
  if (existing) return existing;
  const breaker = new CircuitBreaker(options.breaker ?? DEFAULT_BREAKER_OPTIONS, () => clock.now());
  breakers.set(endpoint, breaker);
  return breaker;
}
