import { existsSync } from "node:fs";
import { processLogger } from "../logger.js";
import { checkLogSettings } from "../settings.js";
import { migrate } from "./migrate.js";
import { readMigrationFiles } from "./migration-files.js";
import { openDatabase } from "./open-database.js";

// `npm run migrate`: apply pending migrations to DATABASE_URL (or the embedded database) and exit.
if (existsSync(".env")) process.loadEnvFile(".env");
const { log, flush } = processLogger(process.env);
try {
  checkLogSettings(process.env);
  // Only the database settings: migrating needs no GitHub App credentials.
  const url = process.env.DATABASE_URL || undefined;
  const database = await openDatabase({
    url,
    dataDir: process.env.DATA_DIR || ".data",
    poolSize: 1,
    log,
  });
  try {
    const outcome = await migrate(database.sql, await readMigrationFiles("db/migrations"));
    log.info(outcome, outcome.applied.length ? "Migrations applied" : "Nothing to migrate");
  } finally {
    await database.close();
  }
} catch (error) {
  log.fatal({ err: error }, error instanceof Error ? error.message : "Migration failed");
  process.exitCode = 1;
  await flush();
}
