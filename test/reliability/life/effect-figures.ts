import type { LedgerEntry } from "../fake-github/effect-ledger.js";

/**
 * Not the project's effects but signs of how the life went, which differ
 * with order and faults by design: the reconciler asking GitHub for a
 * redelivery, and 👀 on an approval whose merge was still under way when
 * its acknowledgement came up (👍 follows once it merged).
 */
export function isProgressSignal({ kind, key }: LedgerEntry): boolean {
  return kind === "redelivery_request" || (kind === "reaction" && key.endsWith(" eyes"));
}

/** Distinct effects of each kind in a ledger's entries, progress signals left out. */
export function effectTotals(entries: readonly LedgerEntry[]): Record<string, number> {
  const totals: Record<string, number> = {};
  for (const entry of entries) {
    if (!isProgressSignal(entry)) totals[entry.kind] = (totals[entry.kind] ?? 0) + 1;
  }
  return totals;
}

/** Progress signals by kind (`reaction eyes`, `redelivery_request`). */
export function progressTotals(entries: readonly LedgerEntry[]): Record<string, number> {
  const totals: Record<string, number> = {};
  for (const entry of entries.filter(isProgressSignal)) {
    const kind = entry.kind === "reaction" ? "reaction eyes" : entry.kind;
    totals[kind] = (totals[kind] ?? 0) + 1;
  }
  return totals;
}

/**
 * How a life's effects compare with its calm, in-order twin's, per kind:
 * `lost` those the twin performed and this life did not, `extra` the other
 * way round. Per kind because natural keys name database ids, which differ
 * with arrival order; the end state compares what each effect stands for.
 */
export function compareEffects(
  expected: Record<string, number>,
  actual: Record<string, number>,
): { lost: number; extra: number } {
  let lost = 0;
  let extra = 0;
  for (const kind of new Set([...Object.keys(expected), ...Object.keys(actual)])) {
    const difference = (actual[kind] ?? 0) - (expected[kind] ?? 0);
    if (difference < 0) lost -= difference;
    else extra += difference;
  }
  return { lost, extra };
}

/** Performances beyond the first of every effect GitHub performed more than once. */
export function countDuplicated(entries: readonly (LedgerEntry & { count: number })[]): number {
  return entries.reduce((sum, entry) => sum + Math.max(0, entry.count - 1), 0);
}
