type Mapping = Record<string, unknown>;

const isMapping = (value: unknown): value is Mapping =>
  typeof value === "object" && value !== null && !Array.isArray(value);

function mergeTwo(base: unknown, over: unknown): unknown {
  if (!isMapping(base) || !isMapping(over)) return over;
  const keys = [...new Set([...Object.keys(base), ...Object.keys(over)])];
  // Object.fromEntries defines own keys, so a "__proto__" key stays data.
  return Object.fromEntries(
    keys.map((key) => [key, Object.hasOwn(over, key) ? mergeTwo(base[key], over[key]) : base[key]]),
  );
}

/**
 * Merges config file contents, lowest precedence first (the org's base, then
 * the repository's file). Mappings merge key by key; lists and values
 * replace, so a file that lists `protected_paths` or a model chain states the
 * whole list, as it reads.
 */
export function mergeConfigLayers(layers: readonly unknown[]): unknown {
  return layers.reduce<unknown>((merged, layer) => mergeTwo(merged, layer), {});
}
