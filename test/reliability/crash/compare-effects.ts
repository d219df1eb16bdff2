import type { EffectLedger } from "../fake-github/effect-ledger.js";
import {
  compareEffects as compareWithTwin,
  countDuplicated,
  effectTotals,
  progressTotals,
} from "../life/effect-figures.js";

export interface EffectComparison {
  /** Distinct effects of each kind performed at GitHub, progress signals left out. */
  totals: Record<string, number>;
  effects: number;
  /** Effects the calm life performed that this one did not. */
  lost: number;
  /** Repeats of one effect, plus effects the calm life never performed. */
  duplicated: number;
  /** The reconciler's requests for a redelivery (a progress signal, not an effect). */
  redeliveryRequests: number;
}

/**
 * A troubled life's effects at the GitHub edge against its calm twin's
 * (`liveLife(...).effects`), from the ledger, as the chaos soak counts them:
 * what is missing is lost, what is repeated or extra is duplicated.
 */
export function compareEffects(
  ledger: EffectLedger,
  calm: Readonly<Record<string, number>>,
): EffectComparison {
  const entries = ledger.entries();
  const totals = effectTotals(entries);
  const { lost, extra } = compareWithTwin({ ...calm }, totals);
  return {
    totals,
    effects: Object.values(totals).reduce((a, b) => a + b, 0),
    lost,
    duplicated: countDuplicated(entries) + extra,
    redeliveryRequests: progressTotals(entries).redelivery_request ?? 0,
  };
}
