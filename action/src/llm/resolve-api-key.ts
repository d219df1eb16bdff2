import type { ChainEntry } from "../../../contract/config.js";

/** The environment the keys are read from (the action passes `process.env`). */
export type Env = Readonly<Record<string, string | undefined>>;

/** A key (none for a keyless local server), or why the entry cannot be used. */
export type KeyResolution = { ok: true; apiKey?: string } | { ok: false; reason: string };

const DEFAULT_KEY_ENV = { anthropic: "ANTHROPIC_API_KEY", openai: "OPENAI_API_KEY" } as const;

/**
 * Finds a chain entry's API key: the variable its `api_key_env` names, else
 * `ANTHROPIC_API_KEY` / `OPENAI_API_KEY`. An empty value counts as missing —
 * that is what Actions passes for a secret that does not exist. An
 * `openai-compatible` entry without `api_key_env` needs no key.
 */
export function resolveApiKey(entry: ChainEntry, env: Env): KeyResolution {
  if (entry.provider === "openai-compatible" && entry.api_key_env === undefined)
    return { ok: true };
  const name =
    entry.api_key_env ?? DEFAULT_KEY_ENV[entry.provider === "anthropic" ? "anthropic" : "openai"];
  const value = env[name]?.trim();
  if (value) return { ok: true, apiKey: value };
  return {
    ok: false,
    reason: `${name} is not set; add it as a secret and pass it to the QuantaPilot action's env`,
  };
}
