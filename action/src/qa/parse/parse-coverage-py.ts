import { z } from "zod";
import type { LineHits } from "../qa-step.js";
import { measured, type Reading, unreadable } from "../qa-step.js";
import type { LcovCoverage } from "./parse-lcov.js";
import { parseJson, roundPct, toRepoPath } from "./text-tools.js";

const lines = z.array(z.int());
const reportSchema = z.looseObject({
  totals: z.looseObject({ covered_lines: z.number(), num_statements: z.number() }),
  files: z.record(z.string(), z.looseObject({ executed_lines: lines, missing_lines: lines })),
});

/**
 * Reads coverage.py's JSON report (`coverage json`, `pytest --cov-report=json`):
 * the total line coverage and hits per line (1 executed, 0 missing).
 */
export function parseCoveragePy(text: string, dir: string): Reading<LcovCoverage> {
  const json = parseJson(text, "coverage.py's JSON report");
  if (!json.ok) return unreadable(json.why);
  const parsed = reportSchema.safeParse(json.value);
  if (!parsed.success) return unreadable("coverage.py's JSON report has no totals or files");
  const lineHits: LineHits = new Map();
  for (const [file, figures] of Object.entries(parsed.data.files)) {
    const path = toRepoPath(dir, file);
    if (path === undefined) continue;
    const hits = new Map<number, number>();
    for (const line of figures.executed_lines) hits.set(line, 1);
    for (const line of figures.missing_lines) hits.set(line, 0);
    lineHits.set(path, hits);
  }
  const { covered_lines, num_statements } = parsed.data.totals;
  const totalPct = num_statements > 0 ? roundPct((covered_lines / num_statements) * 100) : null;
  return measured({ lineHits, totalPct });
}
