import { type ChildProcess, spawn } from "node:child_process";
import { createServer } from "node:net";
import { githubAppCredentials } from "../../helpers/github-app-credentials.js";
import type { FakeGitHub } from "../fake-github/fake-github.js";
import { WEBHOOK_SECRET } from "../fake-github/send-webhook.js";
import { compileApp } from "./compile-app.js";

function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const server = createServer().listen(0, "127.0.0.1", () => {
      const address = server.address();
      server.close(() => resolve(typeof address === "object" && address ? address.port : 0));
    });
  });
}

/**
 * The app as production runs it — its own process (`node app/server.js`,
 * the real entry, compiled: see `compileApp`), Probot's default Octokit with retry and throttling, its own
 * outbox worker — on a fixed port, against the fake GitHub, so it can be
 * SIGKILLed at any moment and started again on the same database.
 */
export async function spawnedApp(
  databaseUrl: string,
  github: FakeGitHub,
  oidc: { issuer: string; audience: string },
) {
  const port = await freePort();
  const credentials = githubAppCredentials();
  const env = {
    PATH: process.env.PATH ?? "",
    APP_ID: String(credentials.appId),
    PRIVATE_KEY: credentials.privateKey,
    WEBHOOK_SECRET,
    DATABASE_URL: databaseUrl,
    PORT: String(port),
    HOST: "127.0.0.1",
    GHE_HOST: github.host,
    GHE_PROTOCOL: "http",
    OIDC_ISSUER: oidc.issuer,
    OIDC_AUDIENCE: oidc.audience,
    PUBLIC_URL: `http://127.0.0.1:${port}`,
    LOG_LEVEL: "warn" as const,
  };
  const url = `http://127.0.0.1:${port}`;
  const entry = await compileApp();
  let child: ChildProcess | undefined;
  let starts = 0;
  return {
    url,
    starts: () => starts,
    async start(): Promise<void> {
      child = spawn(process.execPath, [entry], {
        env,
        stdio: ["ignore", "ignore", "inherit"],
      });
      starts++;
      for (let i = 0; i < 600; i++) {
        const ready = await fetch(`${url}/readyz`).then(
          (r) => r.ok,
          () => false,
        );
        if (ready) return;
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
      throw new Error("the spawned app did not become ready in 60 s");
    },
    /** SIGKILL: no shutdown hook runs, in-flight requests and effects are cut where they stand. */
    async kill(): Promise<void> {
      const dying = child;
      if (!dying || dying.exitCode !== null) return;
      const exited = new Promise((resolve) => dying.once("exit", resolve));
      dying.kill("SIGKILL");
      await exited;
    },
  };
}

export type SpawnedApp = Awaited<ReturnType<typeof spawnedApp>>;
