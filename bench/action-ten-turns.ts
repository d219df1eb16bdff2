import { createHash } from "node:crypto";
import { fileURLToPath } from "node:url";
import { loadStagePromptTemplates } from "../action/src/agent/load-prompt-template.js";
import { type AgentRun, runAgent } from "../action/src/agent/loop.js";
import { type AssembledPrompt, assemblePrompt } from "../action/src/agent/prompt.js";
import { readAgentsMd } from "../action/src/agent/read-agents-md.js";
import { createRedactor } from "../action/src/agent/redactor.js";
import { createTempRepo } from "../action/src/agent/testing/create-temp-repo.js";
import { createAgentTools } from "../action/src/agent/tools/create-agent-tools.js";
import { listWorkspaceFiles } from "../action/src/agent/tools/list-workspace-files.js";
import { createWorkspaceGuard } from "../action/src/agent/workspace-guard.js";
import { BudgetGuard } from "../action/src/llm/budget-guard.js";
import { lookupPrice } from "../action/src/llm/pricing.js";
import type { ChatModel } from "../action/src/llm/types.js";
import { ALWAYS_PROTECTED_PATHS } from "../contract/config.js";
import { benchRepoFiles } from "./action-repo.js";

/** Stable-first, as the action assembles it; task-first puts the task at the top of the system prompt. */
export type Assembly = "stable-first" | "task-first";

const COMMAND = "node src/greet.test.js";

/** The scripted ten calls: look around, write a module and its test, fix it, run it, finish. */
export const TEN_TURNS = [
  { name: "list_files", input: {} },
  { name: "read_file", input: { path: "README.md" } },
  { name: "search", input: { pattern: "export function" } },
  {
    name: "write_file",
    input: { path: "src/greet.js", content: 'exports.greet = (n) => "hi " + n;\n' },
  },
  { name: "write_file", input: { path: "src/greet.test.js", content: "require('./greet');\n" } },
  { name: "edit_file", input: { path: "src/greet.js", old_text: "hi", new_text: "hello" } },
  { name: "read_file", input: { path: "src/greet.js", start_line: 1, end_line: 1 } },
  { name: "run", input: { command: COMMAND } },
  { name: "delete_file", input: { path: "src/greet.test.js" } },
  { name: "finish", input: { summary: "Added greet()." } },
] as const;

/**
 * Runs the real agent loop once on a fresh checkout of the bench repository,
 * with the real tools, through `model` (whose replies the caller scripted).
 */
export async function runTenTurns(
  model: ChatModel,
  task: string,
  assembly: Assembly,
): Promise<AgentRun> {
  const repo = createTempRepo(benchRepoFiles());
  try {
    const guard = createWorkspaceGuard({ root: repo.root, protectedPaths: [] });
    const env = { PATH: process.env.PATH ?? "" };
    const redactor = createRedactor(env);
    const tools = createAgentTools({ guard, redactor, allowedCommands: [COMMAND], env });
    const promptsDir = fileURLToPath(new URL("../prompts", import.meta.url));
    const agentsMd = await readAgentsMd(guard);
    const prompt = assemblePrompt({
      templates: await loadStagePromptTemplates("developer", { promptsDir, guard }),
      repository: "acme/greeter",
      stage: "implement",
      allowedCommands: [COMMAND],
      protectedPaths: [...ALWAYS_PROTECTED_PATHS],
      ...(agentsMd === undefined ? {} : { agentsMd }),
      tools: tools.map((tool) => tool.definition),
      repoFiles: await listWorkspaceFiles({ root: guard.root, env }),
      task: { text: task },
    });
    const clock = { now: () => Date.now() };
    return await runAgent({
      model,
      tools,
      guard: new BudgetGuard({ turns: 20, tokens: 2_000_000, usd: 5, minutes: 30 }, clock.now),
      prompt: assembly === "stable-first" ? prompt : taskFirst(prompt),
      maxOutputTokens: 4_096,
      clock,
      redactor,
      price: lookupPrice("claude-sonnet-4-0").price,
    });
  } finally {
    repo.remove();
  }
}

/** The baseline: the same text, but the task (different on every run) opens the prompt. */
function taskFirst(prompt: AssembledPrompt): AssembledPrompt {
  const system = `# Your task\n\n${prompt.firstUserMessage}\n\n${prompt.system}`;
  const hash = createHash("sha256").update(system).update(JSON.stringify(prompt.tools));
  return {
    ...prompt,
    system,
    firstUserMessage: "Do the task described at the top of the system prompt.",
    cacheKey: `qp-${hash.digest("hex").slice(0, 40)}`,
  };
}
