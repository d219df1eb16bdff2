import type { LineHits } from "../qa-step.js";
import { measured, type Reading, unreadable } from "../qa-step.js";
import { roundPct, toRepoPath } from "./text-tools.js";

/** Line hits of every file in an lcov report, and the total line coverage they give. */
export interface LcovCoverage {
  lineHits: LineHits;
  totalPct: number | null;
}

/** The line coverage of `hits`, in percent; null when no line was instrumented. */
export function totalOf(hits: LineHits): number | null {
  let lines = 0;
  let covered = 0;
  for (const file of hits.values()) {
    for (const count of file.values()) {
      lines += 1;
      if (count > 0) covered += 1;
    }
  }
  return lines === 0 ? null : roundPct((covered / lines) * 100);
}

/**
 * Reads an lcov tracefile (`SF:` file, `DA:line,hits` records): hits per
 * line for changed-lines coverage, paths made relative to the checkout.
 * Files outside it are left out.
 */
export function parseLcov(text: string, dir: string): Reading<LcovCoverage> {
  if (!/^SF:/m.test(text)) return unreadable("the lcov report has no SF: record");
  const lineHits: LineHits = new Map();
  let current: Map<number, number> | undefined;
  for (const raw of text.split(/\r?\n/)) {
    const line = raw.trim();
    if (line.startsWith("SF:")) {
      const path = toRepoPath(dir, line.slice(3));
      current = path === undefined ? undefined : (lineHits.get(path) ?? new Map());
      if (path !== undefined && current !== undefined) lineHits.set(path, current);
    } else if (line.startsWith("DA:") && current !== undefined) {
      const [number, hits] = line.slice(3).split(",").map(Number);
      if (
        Number.isInteger(number) &&
        Number.isFinite(hits) &&
        number !== undefined &&
        hits !== undefined
      )
        current.set(number, Math.max(current.get(number) ?? 0, hits));
    } else if (line === "end_of_record") current = undefined;
  }
  return measured({ lineHits, totalPct: totalOf(lineHits) });
}
