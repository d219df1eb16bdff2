import type { LedgerEntry } from "../fake-github/effect-ledger.js";
import { isProgressSignal } from "./effect-figures.js";
import type { LifeDiagnosis } from "./life-diagnosis.js";

/** What a life's effects are judged by: its ledger and what its database left unfinished. */
export interface JudgedLife {
  ledger: readonly LedgerEntry[];
  diagnosis: LifeDiagnosis;
}

const SHOWN = 12;

function keysByKind(ledger: readonly LedgerEntry[]): Map<string, Set<string>> {
  const byKind = new Map<string, Set<string>>();
  for (const entry of ledger.filter((e) => !isProgressSignal(e))) {
    const keys = byKind.get(entry.kind) ?? new Set<string>();
    keys.add(entry.key);
    byKind.set(entry.kind, keys);
  }
  return byKind;
}

const list = (keys: string[]) =>
  keys.length > SHOWN ? `${keys.slice(0, SHOWN).join(", ")} … (${keys.length})` : keys.join(", ");

/**
 * Why a life's effects differ from its calm twin's, one line per kind whose
 * count differs (with the keys only one side has: keys name database ids,
 * which differ with order, so the effect meant is among them), then every
 * dead-lettered effect and every delivery left failed. Empty when they agree.
 */
export function effectDifferences(twin: JudgedLife, life: JudgedLife): string[] {
  const expected = keysByKind(twin.ledger);
  const actual = keysByKind(life.ledger);
  const lines: string[] = [];
  for (const kind of [...new Set([...expected.keys(), ...actual.keys()])].sort()) {
    const want = expected.get(kind) ?? new Set<string>();
    const got = actual.get(kind) ?? new Set<string>();
    if (want.size === got.size) continue;
    const verdict =
      want.size > got.size ? `${want.size - got.size} lost` : `${got.size - want.size} extra`;
    const missing = [...want].filter((key) => !got.has(key));
    const added = [...got].filter((key) => !want.has(key));
    lines.push(
      `${kind}: ${verdict} (${got.size} of ${want.size}); only in the twin: [${list(missing)}]; only here: [${list(added)}]`,
    );
  }
  for (const dead of life.diagnosis.dead)
    lines.push(
      `dead-lettered ${dead.kind} ${dead.key} after ${dead.attempts} attempts: ${dead.error}`,
    );
  for (const failed of life.diagnosis.failed)
    lines.push(
      `delivery ${failed.id} (${failed.event}.${failed.action}) left failed: ${failed.error}`,
    );
  return lines;
}
