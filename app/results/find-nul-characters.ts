/**
 * The key paths (`changes.0.path`) of strings in `value` that hold a NUL
 * character, at most `max`. No git path, commit or PR text holds one, and
 * Postgres cannot store one in `jsonb`: a result carrying one is refused
 * with these paths rather than failing the transaction with a 500.
 */
export function findNulCharacters(value: unknown, max = 10, at = ""): string[] {
  if (typeof value === "string") return value.includes("\u0000") ? [at || "(root)"] : [];
  if (typeof value !== "object" || value === null) return [];
  const found: string[] = [];
  for (const [key, child] of Object.entries(value)) {
    for (const path of findNulCharacters(child, max - found.length, at ? `${at}.${key}` : key)) {
      if (found.length < max) found.push(path);
    }
    if (found.length >= max) break;
  }
  return found;
}
