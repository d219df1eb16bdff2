import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { buildStageResult } from "./run/build-stage-result.js";
import {
  finishCall,
  type StageTestBed,
  startStageTestBed,
  writeCall,
} from "./testing/stage-test-bed.js";

const DIGEST = "a".repeat(64);
const OVERRIDE =
  "---\nversion: 7\n---\nYou are the house developer of {{repository}}. Tabs, never spaces.";
let bed: StageTestBed;
beforeEach(async () => {
  bed = await startStageTestBed({
    "README.md": "# Demo\n",
    "src/old.ts": "export const old = 1;\n",
    ".github/quantapilot/prompts/developer.md": OVERRIDE,
  });
});
afterEach(() => bed.close());

describe("the implement stage", () => {
  it("writes code, runs an allowed command, and proposes the change with a commit and PR text", async () => {
    bed.script(
      [
        writeCall("src/login.ts", "export const login = true;\n"),
        { name: "delete_file", arguments: { path: "src/old.ts" } },
      ],
      [{ name: "run", arguments: { command: "node --version" } }],
      [finishCall("Added the login page.")],
    );
    const spec = bed.spec({ allowed_commands: ["node --version"] });
    const run = await bed.run(spec);
    expect(run.agent).toMatchObject({ outcome: "finished", turns: 3 });
    const ran = run.agent.transcript.find((e) => e.type === "tool" && e.name === "run");
    expect(ran).toMatchObject({ isError: false, content: expect.stringMatching(/exit code 0/) });
    const result = buildStageResult(spec, run, DIGEST);
    expect(result).toMatchObject({ outcome: "succeeded", reason: "Added the login page." });
    expect(result.changes).toEqual(
      [
        {
          path: "src/login.ts",
          action: "upsert",
          encoding: "utf8",
          content: "export const login = true;\n",
          mode: "100644",
        },
        { path: "src/old.ts", action: "delete" },
      ].map((c) => expect.objectContaining(c)),
    );
    expect(result.commit_message).toMatch(
      /QuantaPilot-Stage: implement\nQuantaPilot-Stage-Run: 42\n$/,
    );
    expect(result.pr.title).not.toBe("");
    expect(result.usage).toEqual([
      expect.objectContaining({ provider: "openai-compatible", model: "gpt-4.1-2025-04-14" }),
    ]);
    expect(bed.server.pending()).toBe(0);
  });

  it("uses the repository's prompt override and reports its version", async () => {
    bed.script([finishCall("Nothing to do.")]);
    const run = await bed.run(bed.spec());
    expect(run.promptVersions.developer).toMatch(/^repo:7\+[0-9a-f]{12}$/);
    expect(run.promptVersions.system).toMatch(/^1\+/);
    const first = bed.request(0);
    expect(first.messages[0]?.content).toContain(
      "You are the house developer of octo-org/octo-repo. Tabs, never spaces.",
    );
  });

  it("ends no_changes when the agent changed nothing", async () => {
    bed.script([finishCall("Already done.")]);
    const spec = bed.spec();
    const result = buildStageResult(spec, await bed.run(spec), DIGEST);
    expect(result).toMatchObject({
      outcome: "no_changes",
      reason: "Already done.",
      changes: [],
      commit_message: "",
    });
  });

  it("fails with the reason, before any call, when no model of the chain has a key", async () => {
    const spec = bed.spec({
      models: { developer: [{ provider: "anthropic", model: "claude-sonnet-4-5" }] },
    });
    const result = buildStageResult(spec, await bed.run(spec), DIGEST);
    expect(result.outcome).toBe("failed");
    expect(result.reason).toMatch(/ANTHROPIC_API_KEY is not set/);
    expect(bed.server.requests).toEqual([]);
  });

  it("keeps the work of a run stopped at a limit, saying so", async () => {
    bed.script(
      [writeCall("src/half.ts", "export {};\n")],
      [writeCall("src/more.ts", "export {};\n")],
    );
    const spec = bed.spec({ limits: { turns: 1, tokens: 2_000_000, usd: 5, minutes: 30 } });
    const result = buildStageResult(spec, await bed.run(spec), DIGEST);
    expect(result).toMatchObject({ outcome: "succeeded", limits_hit: ["turns"] });
    expect(result.reason).toMatch(/^Stopped at the turns limit before finishing/);
    expect(result.changes.map((c) => c.path)).toEqual(["src/half.ts"]);
  });
});

describe("a hostile implement agent", () => {
  it("gets nothing sent when a command writes a workflow", async () => {
    const command = `node -e 'require("fs").mkdirSync(".github/workflows",{recursive:true});require("fs").writeFileSync(".github/workflows/x.yml","on: push")'`;
    bed.script(
      [writeCall("src/ok.ts", "export {};\n")],
      [{ name: "run", arguments: { command } }],
      [finishCall("Done.")],
    );
    const spec = bed.spec({ allowed_commands: ["node -e"] });
    const result = buildStageResult(spec, await bed.run(spec), DIGEST);
    expect(result).toMatchObject({ outcome: "refused_by_guard", changes: [], commit_message: "" });
    expect(result.reason).toMatch(/\.github\/workflows\/x\.yml/);
  });

  it("gets nothing sent when it writes the value of a secret from the environment", async () => {
    const key = "opaque-key-value-9f8e7d6c5b4a";
    bed.script(
      [writeCall("src/config.ts", `export const key = "${key}";\n`)],
      [finishCall(`Stored ${key}.`)],
    );
    const spec = bed.spec();
    const run = await bed.run(spec, {
      env: { PATH: process.env.PATH ?? "", MY_SERVICE_TOKEN: key },
    });
    const result = buildStageResult(spec, run, DIGEST);
    expect(result).toMatchObject({ outcome: "refused_by_guard", changes: [] });
    expect(JSON.stringify(result)).not.toContain(key);
  });
});
