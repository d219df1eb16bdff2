/** Options of a cache; the clock is injected so tests control expiry. */
export type PermissionCacheOptions = {
  /** How long an answer is trusted: permissions change, so keep this short (a minute). */
  ttlMs: number;
  /** Entries kept; the least recently used goes first. */
  maxEntries: number;
  /** Milliseconds since an epoch, e.g. `Date.now`. */
  now: () => number;
};

/** A short-lived memo of look-ups: one request per key while its answer is fresh. */
export type PermissionCache<V> = {
  /** The fresh answer for `key`, else `load()`'s; concurrent callers share one load. */
  remember(key: string, load: () => Promise<V>): Promise<V>;
};

type Entry<V> = { value: Promise<V>; expiresAt: number };

/**
 * A bounded least-recently-used cache with a time-to-live. Failed loads are
 * dropped at once, so an error from GitHub is never remembered as an answer.
 */
export function createPermissionCache<V>(options: PermissionCacheOptions): PermissionCache<V> {
  const entries = new Map<string, Entry<V>>();
  // A Map iterates in insertion order: re-inserting on use keeps the oldest first.
  const store = (key: string, entry: Entry<V>) => {
    entries.delete(key);
    entries.set(key, entry);
    for (const oldest of entries.keys()) {
      if (entries.size <= options.maxEntries) break;
      entries.delete(oldest);
    }
  };
  return {
    remember(key, load) {
      const cached = entries.get(key);
      if (cached && cached.expiresAt > options.now()) {
        store(key, cached);
        return cached.value;
      }
      const value = load();
      store(key, { value, expiresAt: options.now() + options.ttlMs });
      value.catch(() => {
        if (entries.get(key)?.value === value) entries.delete(key);
      });
      return value;
    },
  };
}
