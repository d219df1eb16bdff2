import { startTestServer, type TestServer } from "../../helpers/test-server.js";

/**
 * The real server as `startTestServer` starts it (the worker driven by the
 * test), logging only warnings: a life writes hundreds of lines nobody reads.
 */
export function startLifeServer(
  databaseUrl: string,
  env: Record<string, string>,
): Promise<TestServer> {
  return startTestServer(databaseUrl, { LOG_LEVEL: "warn", ...env });
}
