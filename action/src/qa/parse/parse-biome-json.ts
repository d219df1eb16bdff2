import { z } from "zod";
import type { LintFigures } from "../qa-step.js";
import { measured, type Reading, unreadable } from "../qa-step.js";
import { createLintTally } from "./lint-tally.js";
import { parseJson, toRepoPath } from "./text-tools.js";

const reportSchema = z.looseObject({
  diagnostics: z.array(
    z.looseObject({
      severity: z.string(),
      message: z.string(),
      category: z.string().nullish(),
      location: z
        .looseObject({
          path: z.union([z.string(), z.looseObject({ file: z.string() })]).nullish(),
          start: z.looseObject({ line: z.number() }).nullish(),
        })
        .nullish(),
    }),
  ),
});

/**
 * Reads `biome lint --reporter=json`: errors and fatal diagnostics are
 * errors, warnings warnings (information is left out), each at its path and line.
 */
export function parseBiomeJson(text: string, dir: string): Reading<LintFigures> {
  const json = parseJson(text, "Biome's JSON report");
  if (!json.ok) return unreadable(json.why);
  const parsed = reportSchema.safeParse(json.value);
  if (!parsed.success) return unreadable("Biome's JSON report has no diagnostics list");
  const tally = createLintTally();
  for (const d of parsed.data.diagnostics) {
    const severity = d.severity === "error" || d.severity === "fatal" ? "error" : d.severity;
    if (severity !== "error" && severity !== "warning") continue;
    const rawPath = d.location?.path;
    const path = typeof rawPath === "string" ? rawPath : rawPath?.file;
    const line = d.location?.start?.line;
    tally.add({
      file: (path && toRepoPath(dir, path)) || path || "(unknown file)",
      ...(line !== undefined && line > 0 && { line }),
      severity,
      ...(d.category && { rule: d.category }),
      message: d.message,
    });
  }
  return measured(tally.result());
}
