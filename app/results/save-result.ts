import type { JSONValue, TransactionSql } from "postgres";
import type { QualityReport } from "../../contract/quality-report.js";
import type { StageResult } from "../../contract/stage-result.js";
import { totalUsd } from "./result-events.js";

type Usage = StageResult["usage"][number];

// llm_usage keeps one row per model of a run; a run may report a model in several entries.
function usagePerModel(usage: readonly Usage[]): Usage[] {
  const merged = new Map<string, Usage>();
  for (const entry of usage) {
    const key = `${entry.provider}\u0000${entry.model}`;
    const seen = merged.get(key);
    merged.set(
      key,
      seen === undefined
        ? { ...entry }
        : {
            ...seen,
            input_tokens: seen.input_tokens + entry.input_tokens,
            output_tokens: seen.output_tokens + entry.output_tokens,
            cache_read_tokens: seen.cache_read_tokens + entry.cache_read_tokens,
            cache_write_tokens: seen.cache_write_tokens + entry.cache_write_tokens,
            usd: seen.usd + entry.usd,
          },
    );
  }
  return [...merged.values()];
}

async function insertUsage(tx: TransactionSql, stageRunId: number, usage: readonly Usage[]) {
  const rows = usagePerModel(usage).map((u) => ({ stage_run_id: stageRunId, ...u }));
  if (rows.length === 0) return;
  await tx`INSERT INTO llm_usage ${tx(
    rows,
    "stage_run_id",
    "provider",
    "model",
    "input_tokens",
    "output_tokens",
    "cache_read_tokens",
    "cache_write_tokens",
    "usd",
  )} ON CONFLICT (stage_run_id, provider, model) DO NOTHING`;
}

async function insertQualityReport(tx: TransactionSql, stageRunId: number, report: QualityReport) {
  const tests = report.tests ?? { passed: 0, failed: 0, skipped: 0 };
  await tx`
    INSERT INTO quality_reports (stage_run_id, gate_passed, tests_passed, tests_failed, tests_skipped,
      coverage_pct, report)
    VALUES (${stageRunId}, ${report.gate.passed}, ${tests.passed}, ${tests.failed}, ${tests.skipped},
      ${report.coverage.total_pct}, ${tx.json(report as unknown as JSONValue)})
    ON CONFLICT (stage_run_id) DO NOTHING`;
}

/**
 * Stores a verified result on its stage run, with its usage per model and
 * its quality report, in the intake's transaction: a result is on record
 * before it is acknowledged, and before anything is written to GitHub.
 * `stored` is the result as kept: with any secret in it masked.
 */
export async function saveResult(
  tx: TransactionSql,
  stageRunId: number,
  stored: StageResult,
): Promise<void> {
  await tx`UPDATE stage_runs SET result = ${tx.json(stored as unknown as JSONValue)},
      usd_spent = ${totalUsd(stored)}
    WHERE id = ${stageRunId}`;
  await insertUsage(tx, stageRunId, stored.usage);
  if (stored.quality_report !== undefined) {
    await insertQualityReport(tx, stageRunId, stored.quality_report);
  }
}
