import { type ChildProcess, spawn } from "node:child_process";
import { existsSync, mkdtempSync } from "node:fs";
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

// The README's promise: on a fresh checkout, `npm start` runs with no database and no App.
describe("npm start on its embedded defaults", () => {
  const dataDir = mkdtempSync(join(tmpdir(), "qp-start-"));
  let child: ChildProcess;
  let baseUrl: string;
  const output: string[] = [];

  beforeAll(async () => {
    const env: Record<string, string | undefined> = {
      ...process.env,
      DATA_DIR: dataDir,
      PORT: "0",
      HOST: "127.0.0.1",
      LOG_LEVEL: "info",
    };
    for (const name of [
      "APP_ID",
      "PRIVATE_KEY",
      "PRIVATE_KEY_PATH",
      "WEBHOOK_SECRET",
      "DATABASE_URL",
      "NODE_ENV",
    ]) {
      delete env[name];
    }
    child = spawn("npm", ["start", "--silent"], {
      env,
      detached: true,
      stdio: ["ignore", "pipe", "pipe"],
    });
    baseUrl = await new Promise<string>((resolve, reject) => {
      const onLine = (chunk: Buffer) => {
        output.push(String(chunk));
        const match = /"port":(\d+)[^\n]*Listening/.exec(output.join(""));
        if (match) resolve(`http://127.0.0.1:${match[1]}`);
      };
      child.stdout?.on("data", onLine);
      child.stderr?.on("data", onLine);
      child.once("exit", (code) =>
        reject(new Error(`npm start exited with ${code}:\n${output.join("")}`)),
      );
    });
  }, 120_000);

  afterAll(() => {
    if (child.exitCode === null) process.kill(-(child.pid ?? 0), "SIGKILL");
  });

  it("serves /healthz", async () => {
    const response = await fetch(`${baseUrl}/healthz`);
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ status: "ok" });
  });

  it("serves Probot's setup page with the manifest from app.yml", async () => {
    const response = await fetch(`${baseUrl}/probot`);
    expect(response.status).toBe(200);
    const html = await response.text();
    expect(html).toContain("QuantaPilot");
    expect(html).toContain("manifest");
    expect(html).toContain(`${baseUrl}/probot/setup`);
    const root = await fetch(`${baseUrl}/`, { redirect: "manual" });
    expect(root.headers.get("location")).toBe("/probot");
  });

  it("is not ready until the App is registered, and says why", async () => {
    const response = await fetch(`${baseUrl}/readyz`);
    expect(response.status).toBe(503);
    expect(await response.json()).toEqual({
      status: "unready",
      problems: ["GitHub App not configured: open the setup page"],
    });
  });

  it("refuses webhooks until configured, with a reason", async () => {
    const response = await fetch(`${baseUrl}/api/github/webhooks`, { method: "POST", body: "{}" });
    expect(response.status).toBe(503);
  });

  it("keeps its data under DATA_DIR", () => {
    expect(existsSync(join(dataDir, "pglite", "PG_VERSION"))).toBe(true);
  });

  it("stops cleanly on SIGTERM", async () => {
    const exited = new Promise((resolve) => child.once("close", resolve));
    // As a container runtime does: the whole process group gets the signal.
    process.kill(-(child.pid ?? 0), "SIGTERM");
    await exited;
    const log = output.join("");
    expect(log).toContain('"msg":"Shutting down: finishing in-flight requests"');
    expect(log).toContain('"msg":"Stopped"');
    expect(log).not.toContain('"level":"error"');
  }, 30_000);
});

describe("npm start with a LOG_LEVEL pino does not know", () => {
  it("exits 1 with one fatal line naming the variable, not pino's stack", async () => {
    const env: Record<string, string | undefined> = {
      ...process.env,
      LOG_LEVEL: "verbose",
      PORT: "0",
      HOST: "127.0.0.1",
      DATA_DIR: mkdtempSync(join(tmpdir(), "qp-start-")),
    };
    const child = spawn("npm", ["start", "--silent"], { env, stdio: ["ignore", "pipe", "pipe"] });
    const output: string[] = [];
    child.stdout.on("data", (chunk: Buffer) => output.push(String(chunk)));
    child.stderr.on("data", (chunk: Buffer) => output.push(String(chunk)));
    const code = await new Promise((resolve) => child.once("close", resolve));
    expect(code).toBe(1);
    const lines = output.join("").trim().split("\n");
    expect(lines).toHaveLength(1);
    expect(JSON.parse(lines[0] ?? "")).toMatchObject({
      level: "fatal",
      msg: expect.stringMatching(/^Environment variable LOG_LEVEL: /),
    });
  }, 60_000);
});

describe("npm start with SENTRY_DSN", () => {
  it("reports the fatal line of a failed start to Sentry before it exits", async () => {
    const envelopes: string[] = [];
    const sentry = createServer((req, res) => {
      let body = "";
      req.on("data", (chunk) => {
        body += chunk;
      });
      req.on("end", () => {
        envelopes.push(`${req.url}\n${body}`);
        res.end("{}");
      });
    });
    await new Promise<void>((resolve) => sentry.listen(0, "127.0.0.1", resolve));
    try {
      const { port } = sentry.address() as AddressInfo;
      const env: Record<string, string | undefined> = {
        ...process.env,
        SENTRY_DSN: `http://abc123@127.0.0.1:${port}/7`,
        LOG_MESSAGE_KEY: "message",
        PORT: "not-a-port",
        DATA_DIR: mkdtempSync(join(tmpdir(), "qp-start-")),
      };
      const child = spawn("npm", ["start", "--silent"], { env, stdio: ["ignore", "pipe", "pipe"] });
      const output: string[] = [];
      child.stdout.on("data", (chunk: Buffer) => output.push(String(chunk)));
      const code = await new Promise((resolve) => child.once("close", resolve));
      expect(code).toBe(1);
      const line = JSON.parse(output.join("").trim());
      expect(line).toMatchObject({
        level: "fatal",
        message: expect.stringMatching(/^Environment variable PORT: /),
      });
      expect(envelopes).toHaveLength(1);
      const [url, , , event] = (envelopes[0] ?? "").split("\n");
      expect(url).toMatch(/^\/api\/7\/envelope\//);
      expect(JSON.parse(event ?? "")).toMatchObject({ level: "fatal", message: line.message });
    } finally {
      await new Promise((resolve) => sentry.close(resolve));
    }
  }, 60_000);
});
