import type { Logger } from "pino";
import { readSettings } from "../app/settings.js";
import { startServer } from "../app/start-server.js";
import type { BenchServer, Credentials } from "./bare-probot.js";

/**
 * The real server, configured as `npm start` would be. Not the test helper:
 * it logs at debug and keeps every line in memory, which would bill the
 * ingest for work production does not do. Its outbox worker does not run:
 * what a case times is the ingest alone (the effects a case queues, e.g. the
 * onboarding PRs of (b')'s new installations, would otherwise be worked
 * through in this process during every later case, bare Probot's included;
 * what effects cost is the API economy's measure).
 */
export async function startQuantaPilot(
  databaseUrl: string,
  credentials: Credentials,
  log: Logger,
  githubHost: string,
): Promise<BenchServer & { poolSize: number }> {
  const settings = readSettings(
    {
      APP_ID: String(credentials.appId),
      PRIVATE_KEY: credentials.privateKey,
      WEBHOOK_SECRET: credentials.webhookSecret,
      DATABASE_URL: databaseUrl,
      PORT: "0",
      HOST: "127.0.0.1",
      GHE_HOST: githubHost,
      GHE_PROTOCOL: "http",
    },
    process.cwd(),
  );
  const server = await startServer({
    settings,
    log,
    migrationsDir: "db/migrations",
    autostartWorker: false,
  });
  return { port: server.port, poolSize: settings.databasePoolSize, stop: () => server.stop() };
}
