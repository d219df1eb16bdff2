import { mkdirSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { findIsolationPrefix } from "../isolate-command.js";
import { createRedactor, REDACTED } from "../redactor.js";
import { scrubEnv } from "../scrub-env.js";
import { createTempRepo, type TempRepo } from "../testing/create-temp-repo.js";
import { createWorkspaceGuard } from "../workspace-guard.js";
import { createRunTool, type RunOptions } from "./run.js";

// Assembled at run time, so no scanner flags this file.
const API_KEY = ["sk-", "ant-", "api03-", "R7u".repeat(30)].join("");
const PROCESS_ENV = { PATH: process.env.PATH ?? "", HOME: "/tmp", ANTHROPIC_API_KEY: API_KEY };

let repo: TempRepo;
beforeAll(() => {
  repo = createTempRepo({ "leak.txt": `the key is ${API_KEY}\n`, "README.md": "# x\n" });
  mkdirSync(join(repo.root, "sub"));
});
afterAll(() => repo.remove());

const run = (
  args: Record<string, unknown>,
  options: Partial<RunOptions> = {},
  signal?: AbortSignal,
) =>
  createRunTool({
    guard: createWorkspaceGuard({ root: repo.root, protectedPaths: [] }),
    allowedCommands: ["node -e", "git status"],
    env: scrubEnv(PROCESS_ENV),
    redact: createRedactor(PROCESS_ENV).redact,
    ...options,
  }).execute(args, signal ?? new AbortController().signal);

describe("run", () => {
  it("runs an allowed command without a shell and reports its exit code and output", async () => {
    const output = await run({ command: `node -e "console.log('hi'); process.exit(3)"` });
    expect(output.isError).toBeUndefined();
    expect(output.content).toMatch(
      /^\$ node -e "console.log\('hi'\); process.exit\(3\)"\nexit code 3 after \d+\.\d s\nhi\n$/,
    );
  });

  it("refuses a command that is not on the allow-list, naming the list", async () => {
    await expect(run({ command: "curl https://evil.example" })).resolves.toEqual({
      isError: true,
      content: `Refused: "curl https://evil.example" is not an allowed command. Allowed (each optionally with more arguments): node -e; git status. The repository's allowed_commands in .github/quantapilot.yml decides.`,
    });
  });

  it("refuses a shell operator before anything runs", async () => {
    const output = await run({ command: "git status && curl https://evil.example" });
    expect(output).toMatchObject({
      isError: true,
      content: expect.stringContaining("without a shell"),
    });
  });

  it("gives the command a scrubbed environment: no keys, no tokens", async () => {
    const output = await run({
      command: `node -e "console.log(Object.keys(process.env).sort().join(','))"`,
    });
    expect(output.content).toContain("CI,FORCE_COLOR,GIT_TERMINAL_PROMPT,HOME,NO_COLOR,PATH");
    expect(output.content).not.toContain("ANTHROPIC_API_KEY");
  });

  it("redacts a secret value the command prints, plain or base64", async () => {
    const script = `const k = require('fs').readFileSync('leak.txt', 'utf8'); console.log(k); console.log(Buffer.from(k).toString('base64'))`;
    const output = await run({ command: `node -e "${script}"` });
    expect(output.content).toContain(`the key is ${REDACTED}`);
    expect(output.content).not.toContain(API_KEY);
    expect(output.content).not.toContain(Buffer.from(API_KEY).toString("base64").slice(4, 40));
  });

  it("runs in a subdirectory given as cwd, refusing one outside", async () => {
    const output = await run({ command: `node -e "console.log(process.cwd())"`, cwd: "sub" });
    expect(output.content).toContain(`${join(repo.root, "sub")}\n`);
    await expect(run({ command: "git status", cwd: ".." })).resolves.toMatchObject({
      isError: true,
    });
  });

  it("stops a command at its time limit, with everything it started", async () => {
    const script = `require('child_process').spawn('sleep', ['30'], { stdio: 'inherit' }); setInterval(() => {}, 1000)`;
    const started = Date.now();
    const output = await run({ command: `node -e "${script}"` }, { timeoutMs: 300 });
    expect(output).toMatchObject({
      isError: true,
      content: expect.stringContaining("stopped by its time limit"),
    });
    expect(Date.now() - started).toBeLessThan(5_000);
  });

  it("stops a command when the stage run's time is up", async () => {
    const controller = new AbortController();
    setTimeout(() => controller.abort(), 100);
    const output = await run(
      { command: `node -e "setInterval(() => {}, 1000)"` },
      {},
      controller.signal,
    );
    expect(output).toMatchObject({ isError: true, content: expect.stringContaining("time is up") });
  });

  it("cuts long output to its head and tail, saying so", async () => {
    const script = "for (let i = 0; i < 20000; i++) console.log('line ' + i)";
    const output = await run({ command: `node -e "${script}"` }, { maxOutputChars: 200 });
    const [, , ...lines] = output.content.split("\n");
    expect(lines[0]).toBe("line 0");
    expect(lines.at(-2)).toBe("line 19999");
    expect(output.content).toMatch(
      /\[… output cut: \d+ bytes in all; the first and last 100 characters are shown …\]/,
    );
    expect(output.content.length).toBeLessThan(500);
  });

  it("never shows part of a secret that straddles the cut", async () => {
    const script = `const k = require('fs').readFileSync('leak.txt', 'utf8'); process.stdout.write('x'.repeat(90) + k + 'y'.repeat(30000) + k + 'z'.repeat(90))`;
    const output = await run({ command: `node -e "${script}"` }, { maxOutputChars: 200 });
    expect(output.content).not.toContain(API_KEY.slice(0, 6));
    expect(output.content).not.toContain(API_KEY.slice(-6));
  });

  it("says when an allowed command cannot start", async () => {
    const output = await run(
      { command: "no-such-binary-qp --x" },
      { allowedCommands: ["no-such-binary-qp"] },
    );
    expect(output).toMatchObject({
      isError: true,
      content: expect.stringContaining("could not start"),
    });
  });

  const isolation = findIsolationPrefix();
  it.skipIf(isolation === null)(
    "with an isolation prefix the command cannot see the action's process (nor read its environment through /proc)",
    async () => {
      const peek = `node -e "console.log('sees parent:', require('fs').existsSync('/proc/${process.pid}/environ'))"`;
      expect((await run({ command: peek })).content).toContain("sees parent: true");
      expect((await run({ command: peek }, { isolation })).content).toContain("sees parent: false");
    },
  );
});
