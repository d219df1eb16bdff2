import { configSchema, type QuantaPilotConfig } from "../../contract/config.js";

/** Distinct stored configurations kept parsed; a project's config changes only on a push. */
const MAX_CACHED = 500;
const parsed = new Map<string, QuantaPilotConfig>();

/**
 * A project's stored `.github/quantapilot.yml` (the `projects.config` column,
 * validated when it was pushed; NULL: none) with every default filled in.
 *
 * Parsing the whole schema costs ~150 µs and a delivery needed it up to twice,
 * so each distinct stored config is parsed once and the result shared, frozen
 * so that no caller can change what the next one reads.
 */
export function storedConfig(raw: unknown): QuantaPilotConfig {
  const key = JSON.stringify(raw ?? {});
  const known = parsed.get(key);
  if (known) return known;
  const config = deepFreeze(configSchema.parse(raw ?? {}));
  parsed.set(key, config);
  const oldest = parsed.keys().next().value;
  if (parsed.size > MAX_CACHED && oldest !== undefined) parsed.delete(oldest);
  return config;
}

function deepFreeze<T>(value: T): T {
  if (value !== null && typeof value === "object" && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const inner of Object.values(value)) deepFreeze(inner);
  }
  return value;
}
