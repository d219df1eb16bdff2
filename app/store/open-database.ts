import { mkdir } from "node:fs/promises";
import { join } from "node:path";
import { PGlite } from "@electric-sql/pglite";
import { PGLiteSocketServer } from "@electric-sql/pglite-socket";
import type { Logger } from "pino";
import postgres, { type Sql } from "postgres";

export interface Database {
  sql: Sql;
  /** `embedded` when running on PGlite under the data directory. */
  kind: "server" | "embedded";
  close(): Promise<void>;
}

export interface DatabaseOptions {
  url: string | undefined;
  dataDir: string;
  poolSize: number;
  log: Logger;
}

/**
 * postgres.js sends at most `max_pipeline` statements on a connection before
 * it waits for answers (100 by default; the option is read but not in its
 * types). A group-commit batch sends up to 64 deliveries' statements at once,
 * and past the limit each further one went out in its own socket write as an
 * earlier one was answered: one write per statement instead of one per batch.
 */
const POOL = { onnotice: () => {}, max_pipeline: 4096 } as const;

/**
 * A real server when DATABASE_URL is set; otherwise PGlite stored under the
 * data directory, served on loopback so the very same postgres.js code and
 * SQL run against it.
 */
export async function openDatabase(options: DatabaseOptions): Promise<Database> {
  if (options.url) {
    const sql = postgres(options.url, { max: options.poolSize, ...POOL });
    return { sql, kind: "server", close: () => sql.end({ timeout: 5 }) };
  }
  return openEmbedded(options);
}

async function openEmbedded({ dataDir, log }: DatabaseOptions): Promise<Database> {
  const path = join(dataDir, "pglite");
  await mkdir(path, { recursive: true });
  const db = await PGlite.create(path);
  const server = new PGLiteSocketServer({ db, host: "127.0.0.1", port: 0 });
  await server.start();
  const port = Number(server.getServerConn().split(":").at(-1));
  log.info(
    { dataDir: path },
    "Using the embedded PostgreSQL (PGlite); set DATABASE_URL for a real server",
  );
  // PGlite runs one session: a pool of one keeps transactions from interleaving.
  const sql = postgres({
    host: "127.0.0.1",
    port,
    user: "postgres",
    database: "postgres",
    max: 1,
    ...POOL,
  });
  return {
    sql,
    kind: "embedded",
    async close() {
      await sql.end({ timeout: 5 });
      await server.stop();
      await db.close();
    },
  };
}
