import { z } from "zod";
import type { LintFigures } from "../qa-step.js";
import { measured, type Reading, unreadable } from "../qa-step.js";
import { createLintTally } from "./lint-tally.js";
import { parseJson, toRepoPath } from "./text-tools.js";

const resultsSchema = z.array(
  z.looseObject({
    filePath: z.string(),
    messages: z.array(
      z.looseObject({
        ruleId: z.string().nullish(),
        severity: z.number(),
        message: z.string(),
        line: z.number().optional(),
      }),
    ),
  }),
);

/** Reads `eslint -f json`: severity 2 is an error, 1 a warning, each at its file and line. */
export function parseEslintJson(text: string, dir: string): Reading<LintFigures> {
  const json = parseJson(text, "ESLint's JSON output");
  if (!json.ok) return unreadable(json.why);
  const parsed = resultsSchema.safeParse(json.value);
  if (!parsed.success) return unreadable("ESLint's JSON output is not a list of file results");
  const tally = createLintTally();
  for (const result of parsed.data) {
    const file = toRepoPath(dir, result.filePath) ?? result.filePath;
    for (const m of result.messages) {
      if (m.severity === 0) continue;
      tally.add({
        file,
        ...(m.line !== undefined && m.line > 0 && { line: m.line }),
        severity: m.severity >= 2 ? "error" : "warning",
        ...(m.ruleId && { rule: m.ruleId }),
        message: m.message,
      });
    }
  }
  return measured(tally.result());
}
