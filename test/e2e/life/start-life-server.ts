import { ProbotOctokit } from "probot";
import { createLogger } from "../../../app/logger.js";
import { readSettings } from "../../../app/settings.js";
import { startServer } from "../../../app/start-server.js";
import { githubAppCredentials } from "../../helpers/github-app-credentials.js";
import type { TestServer } from "../../helpers/test-server.js";

// Probot hands installation clients its own throttle options, which replace an
// object default wholesale (`ProbotOctokit.defaults({ throttle: { enabled: false } })`
// is lost and every write waits for the throttler's pacing, about a second).
// A function default is applied last, so this one really turns both off.
const Octokit = ProbotOctokit.defaults((options: Record<string, unknown>) => ({
  ...options,
  retry: { enabled: false },
  throttle: { ...(options.throttle as object | undefined), enabled: false },
}));

/**
 * The real server as `startTestServer` starts it (same settings path, the
 * worker driven by the test), with GitHub's pacing really off, so a life
 * of a hundred writes runs in seconds rather than minutes.
 */
export async function startLifeServer(
  databaseUrl: string,
  env: Record<string, string>,
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
      ...env,
    },
    process.cwd(),
  );
  const server = await startServer({
    settings,
    log: createLogger(settings.logLevel),
    migrationsDir: "db/migrations",
    Octokit: Octokit as unknown as typeof ProbotOctokit,
    autostartWorker: false,
  });
  return { url: `http://127.0.0.1:${server.port}`, server, logs: [], stop: () => server.stop() };
}
