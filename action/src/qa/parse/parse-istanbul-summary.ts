import { z } from "zod";
import { measured, type Reading, unreadable } from "../qa-step.js";
import { parseJson, roundPct } from "./text-tools.js";

const summarySchema = z.looseObject({
  total: z.looseObject({
    lines: z.looseObject({ total: z.number(), covered: z.number() }),
  }),
});

/**
 * Reads istanbul's `coverage-summary.json` (vitest, jest, c8, nyc): the
 * whole project's line coverage; null when no line was instrumented.
 */
export function parseIstanbulSummary(text: string): Reading<number | null> {
  const json = parseJson(text, "coverage-summary.json");
  if (!json.ok) return unreadable(json.why);
  const parsed = summarySchema.safeParse(json.value);
  if (!parsed.success) return unreadable("coverage-summary.json has no total.lines figures");
  const { total, covered } = parsed.data.total.lines;
  return measured(total > 0 ? roundPct((covered / total) * 100) : null);
}
