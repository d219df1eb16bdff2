import type { EffectLedger } from "../fake-github/effect-ledger.js";

/** Requests the ledger notes that change nothing in a repository: the reconciler asking for redeliveries. */
const NOT_EFFECTS = new Set(["redelivery_request"]);

export interface EffectComparison {
  /** Effects of each kind performed at GitHub, redelivery requests left out. */
  totals: Record<string, number>;
  effects: number;
  /** Effects the calm life performed that this one did not. */
  lost: number;
  /** Repeats of one effect, plus effects the calm life never performed. */
  duplicated: number;
  redeliveryRequests: number;
}

/**
 * A troubled life's effects at the GitHub edge against its calm twin's,
 * counted by kind from the ledger: what is missing is lost, what is repeated
 * or extra is duplicated.
 */
export function compareEffects(
  ledger: EffectLedger,
  calm: Readonly<Record<string, number>>,
): EffectComparison {
  const all = ledger.totals();
  const totals = Object.fromEntries(Object.entries(all).filter(([kind]) => !NOT_EFFECTS.has(kind)));
  const kinds = new Set([...Object.keys(totals), ...Object.keys(calm)]);
  let lost = 0;
  let extra = 0;
  for (const kind of kinds) {
    const difference = (totals[kind] ?? 0) - (calm[kind] ?? 0);
    if (difference < 0) lost -= difference;
    else extra += difference;
  }
  const repeats = ledger
    .duplicated()
    .filter((entry) => !NOT_EFFECTS.has(entry.kind))
    .reduce((sum, entry) => sum + entry.count - 1, 0);
  return {
    totals,
    effects: Object.values(totals).reduce((a, b) => a + b, 0),
    lost,
    duplicated: repeats + extra,
    redeliveryRequests: all.redelivery_request ?? 0,
  };
}
