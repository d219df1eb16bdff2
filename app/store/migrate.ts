import type { Sql } from "postgres";
import type { MigrationFile } from "./migration-files.js";

// Any constant shared by every replica; "qp-migrate" as a 64-bit number.
const MIGRATION_LOCK = 0x71702d6d6967726n;

export interface MigrationOutcome {
  applied: number[];
  current: number;
}

/**
 * Applies every pending migration in one transaction under an advisory lock.
 * Replicas starting together queue on the lock; the later ones then find
 * nothing pending. A shipped migration whose file changed is refused, since
 * the databases it already ran on would no longer match the code.
 */
export async function migrate(sql: Sql, files: MigrationFile[]): Promise<MigrationOutcome> {
  return sql.begin(async (tx) => {
    await tx`SELECT pg_advisory_xact_lock(${MIGRATION_LOCK.toString()}::bigint)`;
    await tx`
      CREATE TABLE IF NOT EXISTS schema_migrations (
        version    integer PRIMARY KEY,
        name       text NOT NULL,
        checksum   text NOT NULL,
        applied_at timestamptz NOT NULL DEFAULT now()
      )`;
    const rows = await tx<{ version: number; name: string; checksum: string }[]>`
      SELECT version, name, checksum FROM schema_migrations ORDER BY version`;
    const known = new Map(files.map((file) => [file.version, file]));
    for (const row of rows) {
      const file = known.get(row.version);
      if (!file) {
        throw new Error(
          `The database has migration ${row.version} (${row.name}) that this build does not know: it was migrated by a newer version; deploy that version or restore the database.`,
        );
      }
      if (file.checksum !== row.checksum) {
        throw new Error(
          `Migration ${row.version} (${row.name}) was edited after it was applied. Shipped migrations are never edited: revert the file and add a new migration.`,
        );
      }
    }
    const done = new Set(rows.map((row) => row.version));
    const pending = files.filter((file) => !done.has(file.version));
    for (const file of pending) {
      await tx.unsafe(file.sql).simple();
      await tx`
        INSERT INTO schema_migrations (version, name, checksum)
        VALUES (${file.version}, ${file.name}, ${file.checksum})`;
    }
    return {
      applied: pending.map((file) => file.version),
      current: files.at(-1)?.version ?? 0,
    };
  });
}

/** The highest applied version, or 0 when the database was never migrated. */
export async function appliedVersion(sql: Sql): Promise<number> {
  const [table] = await sql<{ present: boolean }[]>`
    SELECT to_regclass('schema_migrations') IS NOT NULL AS present`;
  if (!table?.present) return 0;
  const [row] = await sql<{ version: number | null }[]>`
    SELECT max(version) AS version FROM schema_migrations`;
  return row?.version ?? 0;
}
