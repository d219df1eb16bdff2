import { z } from "zod";
import type { LintFigures } from "../qa-step.js";
import { measured, type Reading, unreadable } from "../qa-step.js";
import { createLintTally } from "./lint-tally.js";
import { parseJson, toRepoPath } from "./text-tools.js";

const reportSchema = z.array(
  z.looseObject({
    code: z.string().nullish(),
    message: z.string(),
    filename: z.string(),
    location: z.looseObject({ row: z.number() }).nullish(),
  }),
);

/** Reads `ruff check --output-format=json`: every violation is an error, at its file and row. */
export function parseRuffJson(text: string, dir: string): Reading<LintFigures> {
  const json = parseJson(text, "Ruff's JSON output");
  if (!json.ok) return unreadable(json.why);
  const parsed = reportSchema.safeParse(json.value);
  if (!parsed.success) return unreadable("Ruff's JSON output is not a list of violations");
  const tally = createLintTally();
  for (const v of parsed.data) {
    const line = v.location?.row;
    tally.add({
      file: toRepoPath(dir, v.filename) ?? v.filename,
      ...(line !== undefined && line > 0 && { line }),
      severity: "error",
      ...(v.code && { rule: v.code }),
      message: v.message,
    });
  }
  return measured(tally.result());
}
