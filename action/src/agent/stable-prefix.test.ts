import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ALWAYS_PROTECTED_PATHS } from "../../../contract/config.js";
import {
  anthropicToolUse,
  type FakeAnthropicServer,
  startFakeAnthropicServer,
  type WireToolUse,
} from "../../../test/fakes/anthropic-server.js";
import { createFakeClock } from "../../../test/fakes/fake-clock.js";
import { createAnthropicChatModel } from "../llm/anthropic.js";
import { BudgetGuard } from "../llm/budget-guard.js";
import { lookupPrice } from "../llm/pricing.js";
import { loadStagePromptTemplates } from "./load-prompt-template.js";
import { type AgentRun, runAgent } from "./loop.js";
import { assemblePrompt } from "./prompt.js";
import { readAgentsMd } from "./read-agents-md.js";
import { createRedactor } from "./redactor.js";
import { createTempRepo, type TempRepo } from "./testing/create-temp-repo.js";
import { createAgentTools } from "./tools/create-agent-tools.js";
import { listWorkspaceFiles } from "./tools/list-workspace-files.js";
import { createWorkspaceGuard } from "./workspace-guard.js";

const API_KEY = "sk-ant-test-key";
const EPHEMERAL = { type: "ephemeral" };

// A scripted ten-turn task: look around, write a module and its test, fix it, run it, finish.
const TURNS: WireToolUse[] = [
  { id: "t1", name: "list_files", input: {} },
  { id: "t2", name: "read_file", input: { path: "README.md" } },
  { id: "t3", name: "search", input: { pattern: "greet" } },
  {
    id: "t4",
    name: "write_file",
    input: { path: "src/greet.js", content: 'exports.greet = (n) => "hi " + n;\n' },
  },
  {
    id: "t5",
    name: "write_file",
    input: { path: "src/greet.test.js", content: "require('./greet');\n" },
  },
  {
    id: "t6",
    name: "edit_file",
    input: { path: "src/greet.js", old_text: "hi", new_text: "hello" },
  },
  { id: "t7", name: "read_file", input: { path: "src/greet.js", start_line: 1, end_line: 1 } },
  { id: "t8", name: "run", input: { command: "node src/greet.test.js" } },
  { id: "t9", name: "delete_file", input: { path: "src/greet.test.js" } },
  { id: "t10", name: "finish", input: { summary: "Added greet()." } },
];

let server: FakeAnthropicServer;
let repo: TempRepo;
let run: AgentRun;
beforeAll(async () => {
  server = await startFakeAnthropicServer({ apiKey: API_KEY });
  repo = createTempRepo({
    "README.md": "# Greeter\n\nSays hello.\n",
    "AGENTS.md": "Use CommonJS.\n",
  });
  for (const [turn, call] of TURNS.entries()) {
    const cached = turn === 0 ? { cacheWrite: 3_000 } : { cacheRead: 3_000 + turn * 200 };
    server.enqueue(anthropicToolUse([call], { usage: { input: 150, output: 40, ...cached } }));
  }
  run = await runTenTurns();
});
afterAll(async () => {
  await server.close();
  repo.remove();
});

async function runTenTurns(): Promise<AgentRun> {
  const guard = createWorkspaceGuard({ root: repo.root, protectedPaths: [] });
  const env = { PATH: process.env.PATH ?? "", ANTHROPIC_API_KEY: API_KEY };
  const redactor = createRedactor(env);
  const tools = createAgentTools({
    guard,
    redactor,
    allowedCommands: ["node src/greet.test.js"],
    env,
  });
  const promptsDir = fileURLToPath(new URL("../../../prompts", import.meta.url));
  const agentsMd = await readAgentsMd(guard);
  const prompt = assemblePrompt({
    templates: await loadStagePromptTemplates("developer", { promptsDir, guard }),
    repository: "acme/greeter",
    stage: "implement",
    allowedCommands: ["node src/greet.test.js"],
    protectedPaths: [...ALWAYS_PROTECTED_PATHS],
    ...(agentsMd === undefined ? {} : { agentsMd }),
    tools: tools.map((tool) => tool.definition),
    repoFiles: await listWorkspaceFiles({ root: guard.root, env: { PATH: env.PATH } }),
    task: { text: "Add a greet(name) function." },
  });
  const clock = createFakeClock();
  return runAgent({
    model: createAnthropicChatModel({
      model: "claude-haiku-4-5",
      apiKey: API_KEY,
      baseURL: server.baseURL,
    }),
    tools,
    guard: new BudgetGuard({ turns: 20, tokens: 2_000_000, usd: 5, minutes: 30 }, clock.now),
    prompt,
    maxOutputTokens: 4_096,
    clock,
    redactor,
    price: lookupPrice("claude-haiku-4-5").price,
  });
}

type Body = {
  system: unknown;
  tools: unknown;
  messages: Array<{ content: Array<Record<string, unknown>> }>;
};
const bodies = () => server.requests.map((request) => request.body as Body);
const withoutCacheControl = (messages: Body["messages"]) =>
  JSON.parse(
    JSON.stringify(messages, (key, value) => (key === "cache_control" ? undefined : value)),
  );

describe("a ten-turn task through the Anthropic SDK", () => {
  it("stops at finish after ten calls, every tool having worked", () => {
    expect(run).toMatchObject({ outcome: "finished", summary: "Added greet().", turns: 10 });
    expect(server.pending()).toBe(0);
    expect(run.transcript.filter((e) => e.type === "tool" && e.isError)).toEqual([]);
  });

  it("sends a byte-identical stable prefix on every turn, marked for caching", () => {
    const [first, ...rest] = bodies();
    for (const body of rest) {
      expect(JSON.stringify(body.system)).toBe(JSON.stringify(first?.system));
      expect(JSON.stringify(body.tools)).toBe(JSON.stringify(first?.tools));
    }
    expect(first?.system).toEqual([
      { type: "text", text: expect.stringContaining("# Repository map"), cache_control: EPHEMERAL },
    ]);
    const tools = first?.tools as Array<Record<string, unknown>>;
    expect(tools.map((tool) => tool.name)).toEqual([
      "list_files",
      "read_file",
      "search",
      "write_file",
      "edit_file",
      "delete_file",
      "run",
      "finish",
    ]);
    expect(tools.at(-1)?.cache_control).toEqual(EPHEMERAL);
  });

  it("only appends to the conversation, so each turn's prefix is the previous request", () => {
    const all = bodies();
    for (let turn = 1; turn < all.length; turn++) {
      const previous = withoutCacheControl(all[turn - 1]?.messages ?? []);
      const current = withoutCacheControl(all[turn]?.messages ?? []);
      expect(current.slice(0, previous.length)).toEqual(previous);
      expect(current).toHaveLength(previous.length + 2);
    }
  });

  it("serves most input from the cache after the first turn", () => {
    const [usage] = run.usage;
    expect(usage).toMatchObject({ provider: "anthropic", calls: 10, cacheWriteTokens: 3_000 });
    const later = run.transcript.flatMap((e) =>
      e.type === "assistant" && e.turn > 1 ? [e.usage] : [],
    );
    const cached = later.reduce((sum, u) => sum + u.cacheReadTokens, 0);
    const input = later.reduce(
      (sum, u) => sum + u.cacheReadTokens + u.inputTokens + u.cacheWriteTokens,
      0,
    );
    expect(cached / input).toBeGreaterThan(0.8);
  });
});
