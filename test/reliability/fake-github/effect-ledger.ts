/** One side effect GitHub performed, named by what makes it unique. */
export interface LedgerEntry {
  kind: string;
  /** What identifies the effect, e.g. `o/r check_run 12:1` or `o/r dispatch 7`. */
  key: string;
}

/**
 * Counts the effects GitHub performed, per natural key: the same check run
 * (external id), dispatch (stage run), comment (hidden marker), commit
 * (stage-run trailer), pull request (head branch), review (marker) or merge
 * (pull request). A key seen twice is an effect done twice.
 */
export function createEffectLedger() {
  const counts = new Map<string, LedgerEntry & { count: number }>();
  return {
    record(kind: string, key: string): void {
      const id = `${kind} ${key}`;
      const entry = counts.get(id) ?? { kind, key, count: 0 };
      entry.count++;
      counts.set(id, entry);
    },
    /** Undoes one `record`: the effect was taken back (a comment its writer deleted). */
    release(kind: string, key: string): void {
      const entry = counts.get(`${kind} ${key}`);
      if (entry) entry.count--;
    },
    /** Effects performed more than once, with how many times. */
    duplicated(): { kind: string; key: string; count: number }[] {
      return [...counts.values()].filter((entry) => entry.count > 1);
    },
    /** How many distinct effects of each kind were performed. */
    totals(): Record<string, number> {
      const totals: Record<string, number> = {};
      for (const { kind } of counts.values()) totals[kind] = (totals[kind] ?? 0) + 1;
      return totals;
    },
    /** Every effect performed, with how many times. */
    entries(): (LedgerEntry & { count: number })[] {
      return [...counts.values()].map((entry) => ({ ...entry }));
    },
    keys(kind: string): string[] {
      return [...counts.values()].filter((e) => e.kind === kind).map((e) => e.key);
    },
    clear: () => counts.clear(),
  };
}

export type EffectLedger = ReturnType<typeof createEffectLedger>;
