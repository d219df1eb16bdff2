import { existsSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { processLogger } from "./logger.js";
import { readSettings } from "./settings.js";
import { startServer } from "./start-server.js";

// The process entry: read the environment, start, stop on a signal. The one top-level catch.
if (existsSync(".env")) process.loadEnvFile(".env");
// Probot's setup page would otherwise try to fetch smee-client from npm; the README explains WEBHOOK_PROXY_URL.
process.env.NO_SMEE_SETUP ??= "true";

const { log, flush } = processLogger(process.env);
process.on("unhandledRejection", (reason) => log.error({ err: reason }, "Unhandled rejection"));

try {
  const settings = readSettings(process.env, process.cwd());
  const server = await startServer({ settings, log, migrationsDir: findMigrations() });
  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    log.info({ signal }, "Shutting down: finishing in-flight requests");
    try {
      await server.stop();
      log.info("Stopped");
    } catch (error) {
      log.error({ err: error }, "Shutdown was not clean");
      process.exitCode = 1;
    }
    await flush();
    process.exit();
  };
  process.on("SIGTERM", () => void stop("SIGTERM"));
  process.on("SIGINT", () => void stop("SIGINT"));
} catch (error) {
  log.fatal({ err: error }, error instanceof Error ? error.message : "Failed to start");
  process.exitCode = 1;
  await flush();
}

/** db/migrations beside the sources (app/) or beside the build (dist/app/). */
function findMigrations(): string {
  for (const relative of ["../db/migrations", "../../db/migrations"]) {
    const dir = fileURLToPath(new URL(relative, import.meta.url));
    if (existsSync(dir)) return dir;
  }
  throw new Error(
    "db/migrations not found next to the app: run from the repository or the Docker image.",
  );
}
