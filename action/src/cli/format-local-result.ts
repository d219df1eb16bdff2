import type { StageResult } from "../../../contract/stage-result.js";
import { formatUsd } from "../report/format.js";

/** What a person reads at the end of a local run: outcome, files, review, cost, where things are. */
export function formatLocalResult(
  result: StageResult,
  highlights: readonly string[],
  where: { dir: string; transcriptPath: string },
): string[] {
  const usd = result.usage.reduce((sum, u) => sum + u.usd, 0);
  const tokens = result.usage.reduce(
    (sum, u) => sum + u.input_tokens + u.output_tokens + u.cache_read_tokens + u.cache_write_tokens,
    0,
  );
  const lines = [
    `Outcome: ${result.outcome} — ${result.reason}`,
    ...highlights.map((h) => `  ${h}`),
  ];
  for (const change of result.changes)
    lines.push(`  ${change.action === "delete" ? "deleted" : "wrote  "} ${change.path}`);
  if (result.review) {
    lines.push(`Review: ${result.review.event}`);
    for (const c of result.review.comments)
      lines.push(`  ${c.path}:${c.line} ${c.body.split("\n")[0]}`);
  }
  for (const f of result.findings)
    lines.push(`  [${f.severity}] ${f.path ?? ""}${f.line ? `:${f.line}` : ""} ${f.message}`);
  lines.push(`Model use: ${tokens.toLocaleString("en-US")} tokens, ${formatUsd(usd)}`);
  lines.push(`Transcript (redacted): ${where.transcriptPath}`);
  lines.push(`Nothing was pushed; the changes are in ${where.dir}.`);
  return lines;
}
