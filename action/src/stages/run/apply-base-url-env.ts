import type { ChainEntry } from "../../../../contract/config.js";
import type { Env } from "../../agent/redactor.js";

const BASE_URL_ENV = { anthropic: "ANTHROPIC_BASE_URL", openai: "OPENAI_BASE_URL" } as const;

/**
 * The chain with `ANTHROPIC_BASE_URL` / `OPENAI_BASE_URL` from the job's env
 * filled in where an entry names no `base_url`: a proxy or a gateway is set
 * up once per runner rather than in every repository's config. An entry's
 * own base_url wins.
 */
export function applyBaseUrlEnv(chain: readonly ChainEntry[], env: Env): ChainEntry[] {
  return chain.map((entry) => {
    if (entry.provider === "openai-compatible" || entry.base_url !== undefined) return entry;
    const url = env[BASE_URL_ENV[entry.provider]]?.trim();
    return url ? { ...entry, base_url: url } : entry;
  });
}
