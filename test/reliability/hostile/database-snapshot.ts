import type { Sql } from "postgres";

/**
 * Every row of every table the migrations made, each table's rows in a
 * stable order: two equal snapshots mean an input wrote nothing anywhere,
 * including in tables added after this test was written.
 */
export async function snapshotDatabase(sql: Sql): Promise<Record<string, string[]>> {
  const tables = await sql<{ name: string }[]>`
    SELECT table_name AS name FROM information_schema.tables
    WHERE table_schema = current_schema() AND table_type = 'BASE TABLE' ORDER BY table_name`;
  const snapshot: Record<string, string[]> = {};
  for (const { name } of tables) {
    const rows = await sql.unsafe(`SELECT * FROM "${name.replace(/"/g, '""')}"`);
    snapshot[name] = rows.map((row) => JSON.stringify(row)).sort();
  }
  return snapshot;
}

/** The rows `after` has that `before` had not, table by table (tables with none left out). */
export function addedRows(before: Record<string, string[]>, after: Record<string, string[]>) {
  const rows: Record<string, Record<string, unknown>[]> = {};
  for (const [table, list] of Object.entries(after)) {
    const fresh = list.filter((row) => !(before[table] ?? []).includes(row));
    if (fresh.length > 0) rows[table] = fresh.map((row) => JSON.parse(row));
  }
  return rows;
}
