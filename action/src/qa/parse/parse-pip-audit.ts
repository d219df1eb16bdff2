import { z } from "zod";
import type { VulnerabilityFigures } from "../qa-step.js";
import { measured, type Reading, unreadable } from "../qa-step.js";
import { parseJson } from "./text-tools.js";

const reportSchema = z.looseObject({
  dependencies: z.array(z.looseObject({ vulns: z.array(z.unknown()).default([]) })),
});

/**
 * Reads `pip-audit -f json`. pip-audit gives no severity, so every known
 * vulnerability counts as high: a default gate then never waves one through.
 */
export function parsePipAudit(text: string): Reading<VulnerabilityFigures> {
  const json = parseJson(text, "pip-audit's JSON output");
  if (!json.ok) return unreadable(json.why);
  const parsed = reportSchema.safeParse(json.value);
  if (!parsed.success) return unreadable("pip-audit's JSON output has no dependencies list");
  const high = parsed.data.dependencies.reduce((sum, d) => sum + d.vulns.length, 0);
  return measured({ critical: 0, high, moderate: 0, low: 0 });
}
