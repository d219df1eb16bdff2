import postgres from "postgres";

export interface PostgresInfo {
  version: string;
  fsync: string;
  synchronousCommit: string;
}

/** The settings that decide what a commit costs, recorded beside the figures they explain. */
export async function postgresInfo(url: string): Promise<PostgresInfo> {
  const sql = postgres(url, { max: 1, onnotice: () => {} });
  try {
    const [version] = await sql`SHOW server_version`;
    const [fsync] = await sql`SHOW fsync`;
    const [synchronousCommit] = await sql`SHOW synchronous_commit`;
    return {
      version: String(version?.server_version),
      fsync: String(fsync?.fsync),
      synchronousCommit: String(synchronousCommit?.synchronous_commit),
    };
  } finally {
    await sql.end({ timeout: 5 });
  }
}

/**
 * The cluster's processes, once the server's pool is open: its backends plus
 * the checkpointer, WAL writer and the like. Autovacuum workers that come and
 * go are missed, which undercounts Postgres slightly.
 */
export async function postgresPids(url: string): Promise<number[]> {
  const sql = postgres(url, { max: 1, onnotice: () => {} });
  try {
    const rows = await sql`SELECT pid FROM pg_stat_activity WHERE pid <> pg_backend_pid()`;
    return rows.map((row) => Number(row.pid));
  } finally {
    await sql.end({ timeout: 5 });
  }
}
