import type { Life } from "./life-bed.js";

// Every table a delivery, a result or an effect can change; timestamps of bookkeeping left out.
const TABLES = [
  ["projects", "id"],
  ["work_items", "id"],
  ["stage_runs", "id"],
  ["outbox", "id"],
  ["decisions", "id"],
  ["llm_usage", "id"],
  ["quality_reports", "stage_run_id"],
] as const;

/**
 * The life's whole state: every row of the pipeline's tables (only
 * `updated_at`-style clocks left out), the deliveries by id and outcome, and
 * how many requests GitHub has received. Two snapshots are equal only if
 * nothing was changed and nothing was sent.
 */
export async function snapshotLife(life: Life) {
  const tables: Record<string, unknown[]> = {};
  for (const [table, key] of TABLES) {
    tables[table] = await life.db.sql.unsafe(
      `SELECT to_jsonb(t) - 'updated_at' AS row FROM ${table} t ORDER BY ${key}`,
    );
  }
  const deliveries = await life.db
    .sql`SELECT id, event, action, status FROM deliveries ORDER BY id`;
  return { tables, deliveries, githubRequests: life.github.all().length };
}
