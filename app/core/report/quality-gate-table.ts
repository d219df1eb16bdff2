import type { QualityReport } from "../../../contract/quality-report.js";
import { escapeInline } from "./format.js";

const VERDICT = { pass: "✅ pass", fail: "❌ fail" } as const;

/**
 * The quality gate as a Markdown table, one row per rule: the rule, its
 * threshold, the figure measured and the verdict. Empty for a report from
 * before rules were listed. Figures come from the runner, so they are escaped.
 */
export function renderQualityGateTable(gate: QualityReport["gate"]): string[] {
  if (gate.rules === undefined || gate.rules.length === 0) return [];
  const rows = gate.rules.map(
    (r) =>
      `| ${escapeInline(r.rule, 100)} | ${escapeInline(r.threshold, 100)} | ${escapeInline(r.figure, 200)} | ${VERDICT[r.verdict]} |`,
  );
  return ["| Rule | Threshold | Figure | Verdict |", "|---|---|---|---|", ...rows, ""];
}
