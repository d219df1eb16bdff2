import type { QualityReport } from "../../../contract/quality-report.js";
import type { StageResult } from "../../../contract/stage-result.js";
import { escapeInline, formatCount } from "./format.js";
import { renderQualityGateTable } from "./quality-gate-table.js";
import { usageRows } from "./summarise-usage.js";

// Enough to review in a check run; the PR's "Files changed" has the rest.
const MAX_FILES_LISTED = 300;

function section(title: string, lines: readonly string[]): string[] {
  return lines.length === 0 ? [] : [`### ${title}`, "", ...lines, ""];
}

function fileLines(changes: StageResult["changes"]): string[] {
  const lines = changes
    .slice(0, MAX_FILES_LISTED)
    .map(
      (c) => `- ${escapeInline(c.path, 500)} (${c.action === "delete" ? "deleted" : "written"})`,
    );
  const more = changes.length - MAX_FILES_LISTED;
  return more > 0 ? [...lines, `- … and ${formatCount(more)} more`] : lines;
}

function findingLines(findings: StageResult["findings"]): string[] {
  return findings.map((f) => {
    const where =
      f.path === undefined ? "" : ` ${escapeInline(`${f.path}${f.line ? `:${f.line}` : ""}`)}`;
    return `- **${f.severity}**${where}: ${escapeInline(f.message, 1_000)}`;
  });
}

function qualityLines(report: QualityReport | undefined): string[] {
  if (report === undefined) return [];
  const table = renderQualityGateTable(report.gate);
  const gate = [
    ...table,
    ...(report.gate.passed ? ["- The quality gate passed."] : ["- The quality gate failed:"]),
  ];
  const reasons = report.gate.reasons.map((r) => `  - ${escapeInline(r, 1_000)}`);
  const failures = (report.tests?.failures ?? []).map((t) => {
    const where =
      t.file === undefined ? "" : ` (${escapeInline(`${t.file}${t.line ? `:${t.line}` : ""}`)})`;
    return `- Failing test ${escapeInline(t.name)}${where}: ${escapeInline(t.message, 1_000)}`;
  });
  const lint = (report.lint.problems ?? [])
    .filter((p) => p.severity === "error")
    .map((p) => {
      const where = escapeInline(`${p.file}${p.line ? `:${p.line}` : ""}`);
      return `- Lint error ${where}${p.rule ? ` (${escapeInline(p.rule)})` : ""}: ${escapeInline(p.message, 1_000)}`;
    });
  return [...gate, ...reasons, ...failures, ...lint];
}

function usageLines(usage: StageResult["usage"]): string[] {
  if (usage.length === 0) return [];
  const head = "| Provider | Model | Input | Output | Cache read | Cache write | Cost |";
  return [head, "|---|---|--:|--:|--:|--:|--:|", ...usageRows(usage)];
}

function provenanceLines(result: StageResult): string[] {
  const prompts = Object.entries(result.prompt_versions).map(
    ([role, version]) => `- Prompt ${escapeInline(role)}: version ${escapeInline(version)}`,
  );
  return [...prompts, `- Transcript digest (sha256): ${result.transcript_digest}`];
}

/**
 * The check run's `output.text`: everything behind the summary, for whoever
 * wants to dig in — files, findings, quality gate, usage per model,
 * provenance. Agent-written text is escaped so it cannot forge Markdown.
 */
export function renderCheckRunDetails(result: StageResult | null): string {
  if (result === null) return "";
  return [
    ...section("Files changed", fileLines(result.changes)),
    ...section("Findings", findingLines(result.findings)),
    ...section("Quality", qualityLines(result.quality_report)),
    ...section("Usage", usageLines(result.usage)),
    ...section("Provenance", provenanceLines(result)),
  ]
    .join("\n")
    .trimEnd();
}
