import {
  type ChainEntry,
  MODEL_TIERS,
  type ModelTier,
  type QuantaPilotConfig,
  type RoleName,
  TIER_CHAINS,
} from "../../../contract/config.js";

/** How big a task is, e.g. a milestone's size in the plan. */
export type TaskSize = "small" | "medium" | "large";

/** One role's model settings from the config (`models.<role>`). */
export type RoleModels = QuantaPilotConfig["models"][RoleName];

/** The chain a call uses, its tier, and why it was chosen. */
export interface ChainChoice {
  tier: ModelTier;
  chain: readonly ChainEntry[];
  why: string;
}

const SHIFT: Record<TaskSize, number> = { large: -1, medium: 0, small: 1 };

/**
 * Picks a role's chain for a task. A chain the config spells out is used as
 * written. Otherwise the tier moves one step with the task's size from the
 * role's tier — a large task one step up (standard → premium), a small one
 * one step down (standard → efficient) — and that tier's default chain is used.
 */
export function selectChain(role: RoleModels, size?: TaskSize): ChainChoice {
  if (!isTierDefault(role)) {
    return { tier: role.tier, chain: role.chain, why: "the chain configured for the role" };
  }
  if (size === undefined) {
    return { tier: role.tier, chain: role.chain, why: `the role's ${role.tier} tier` };
  }
  const index = MODEL_TIERS.indexOf(role.tier) + SHIFT[size];
  const tier = MODEL_TIERS[Math.min(Math.max(index, 0), MODEL_TIERS.length - 1)] ?? role.tier;
  const why = `a ${size} task for a role of the ${role.tier} tier`;
  return { tier, chain: TIER_CHAINS[tier], why };
}

function isTierDefault(role: RoleModels): boolean {
  const defaults = TIER_CHAINS[role.tier];
  return (
    role.chain.length === defaults.length &&
    role.chain.every((entry, i) => sameEntry(entry, defaults[i]))
  );
}

function sameEntry(a: ChainEntry, b: ChainEntry | undefined): boolean {
  return (
    b !== undefined &&
    a.provider === b.provider &&
    a.model === b.model &&
    a.base_url === b.base_url &&
    a.api_key_env === b.api_key_env
  );
}
