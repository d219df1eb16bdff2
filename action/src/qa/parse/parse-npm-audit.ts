import { z } from "zod";
import type { VulnerabilityFigures } from "../qa-step.js";
import { measured, type Reading, unreadable } from "../qa-step.js";
import { clip, parseJson } from "./text-tools.js";

const countsSchema = z.looseObject({
  critical: z.int().nonnegative().default(0),
  high: z.int().nonnegative().default(0),
  moderate: z.int().nonnegative().default(0),
  low: z.int().nonnegative().default(0),
});

const reportSchema = z.looseObject({ metadata: z.looseObject({ vulnerabilities: countsSchema }) });
const errorSchema = z.looseObject({
  error: z.looseObject({ code: z.string().nullish(), summary: z.string().nullish() }),
});
const yarnSummarySchema = z.looseObject({
  type: z.literal("auditSummary"),
  data: z.looseObject({ vulnerabilities: countsSchema }),
});

const pick = ({ critical, high, moderate, low }: z.output<typeof countsSchema>) => ({
  critical,
  high,
  moderate,
  low,
});

// yarn v1 prints one JSON object per line; its summary is one of them.
function readYarnLines(text: string): VulnerabilityFigures | undefined {
  for (const line of text.split("\n")) {
    if (!line.includes('"auditSummary"')) continue;
    const json = parseJson(line, "yarn audit");
    const summary = json.ok ? yarnSummarySchema.safeParse(json.value) : undefined;
    if (summary?.success) return pick(summary.data.data.vulnerabilities);
  }
  return undefined;
}

/**
 * Reads `npm audit --json` (and pnpm's, which is the same shape, and yarn
 * v1's line-delimited summary): vulnerable packages per severity. npm's own
 * error object (no lockfile, registry unreachable) says why nothing was counted.
 */
export function parseNpmAudit(text: string): Reading<VulnerabilityFigures> {
  const yarn = readYarnLines(text);
  if (yarn !== undefined) return measured(yarn);
  const json = parseJson(text, "the audit's JSON output");
  if (!json.ok) return unreadable(json.why);
  const report = reportSchema.safeParse(json.value);
  if (report.success) return measured(pick(report.data.metadata.vulnerabilities));
  const error = errorSchema.safeParse(json.value);
  if (error.success) {
    const { code, summary } = error.data.error;
    return unreadable(
      `the audit failed${code ? ` (${code})` : ""}: ${clip(summary ?? "no summary", 300)}`,
    );
  }
  return unreadable("the audit's JSON output has no metadata.vulnerabilities counts");
}
