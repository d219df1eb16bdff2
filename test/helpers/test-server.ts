import { Writable } from "node:stream";
import { ProbotOctokit } from "probot";
import { createLogger } from "../../app/logger.js";
import { readSettings } from "../../app/settings.js";
import { type RunningServer, startServer } from "../../app/start-server.js";
import { githubAppCredentials } from "./github-app-credentials.js";

export interface TestServer {
  url: string;
  server: RunningServer;
  /** Every log line the server wrote, parsed. */
  logs: Record<string, unknown>[];
  stop(): Promise<void>;
}

// Probot hands installation clients its own throttle options, which replace an
// object default wholesale (`defaults({ throttle: { enabled: false } })` is lost
// and every write waits for the throttler's pacing, about a second). A function
// default is applied last, so this one really turns retries and pacing off.
const UnpacedOctokit = ProbotOctokit.defaults((options: Record<string, unknown>) => ({
  ...options,
  retry: { enabled: false },
  throttle: { ...(options.throttle as object | undefined), enabled: false },
})) as unknown as typeof ProbotOctokit;

/**
 * The real server, configured through the same environment variables a user
 * sets, on an ephemeral port. Octokit retries are off so a nock miss fails fast.
 */
export async function startTestServer(
  databaseUrl: string,
  env: Record<string, string> = {},
  { autostartWorker = false } = {},
): Promise<TestServer> {
  const credentials = githubAppCredentials();
  const settings = readSettings(
    {
      APP_ID: String(credentials.appId),
      PRIVATE_KEY: credentials.privateKey,
      WEBHOOK_SECRET: credentials.webhookSecret,
      DATABASE_URL: databaseUrl,
      PORT: "0",
      HOST: "127.0.0.1",
      LOG_LEVEL: "debug",
      ...env,
    },
    process.cwd(),
  );
  const logs: Record<string, unknown>[] = [];
  const sink = new Writable({
    write(chunk, _encoding, done) {
      for (const line of String(chunk).split("\n").filter(Boolean)) logs.push(JSON.parse(line));
      done();
    },
  });
  const server = await startServer({
    settings,
    log: createLogger(settings.log, sink),
    migrationsDir: "db/migrations",
    Octokit: UnpacedOctokit,
    // Tests perform effects when they choose (`server.worker.runOnce()`), so what GitHub sees is exact.
    autostartWorker,
  });
  return { url: `http://127.0.0.1:${server.port}`, server, logs, stop: () => server.stop() };
}
