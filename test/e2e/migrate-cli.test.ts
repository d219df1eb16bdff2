import { spawn } from "node:child_process";
import { existsSync, mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { expect, it } from "vitest";

// `npm run migrate` runs this file once built; here it runs from the sources.
it("migrate refuses a LOG_LEVEL pino does not know, in one fatal line, and migrates nothing", async () => {
  const dataDir = mkdtempSync(join(tmpdir(), "qp-migrate-"));
  const env: Record<string, string | undefined> = { ...process.env, LOG_LEVEL: "verbose" };
  env.DATA_DIR = dataDir;
  delete env.DATABASE_URL; // the embedded database under DATA_DIR, were it to run
  const child = spawn("npx", ["tsx", "app/store/migrate-cli.ts"], {
    env,
    stdio: ["ignore", "pipe", "pipe"],
  });
  const output: string[] = [];
  child.stdout.on("data", (chunk: Buffer) => output.push(String(chunk)));
  child.stderr.on("data", (chunk: Buffer) => output.push(String(chunk)));
  const code = await new Promise((resolve) => child.once("close", resolve));
  expect(code).toBe(1);
  const lines = output
    .join("")
    .trim()
    .split("\n")
    .filter((line) => line.startsWith("{"));
  expect(lines).toHaveLength(1);
  expect(JSON.parse(lines[0] ?? "")).toMatchObject({
    level: "fatal",
    msg: expect.stringMatching(/^Environment variable LOG_LEVEL: /),
  });
  expect(existsSync(join(dataDir, "pglite"))).toBe(false);
}, 60_000);
