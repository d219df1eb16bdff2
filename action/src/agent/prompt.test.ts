import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ALWAYS_PROTECTED_PATHS, DEFAULT_ALLOWED_COMMANDS } from "../../../contract/config.js";
import { MissingTemplateVariablesError } from "../../../prompts/render.js";
import { loadStagePromptTemplates, type StagePromptTemplates } from "./load-prompt-template.js";
import { assemblePrompt, type PromptInput } from "./prompt.js";
import { createRedactor } from "./redactor.js";
import { createTempRepo, type TempRepo } from "./testing/create-temp-repo.js";
import { createAgentTools } from "./tools/create-agent-tools.js";
import { createWorkspaceGuard } from "./workspace-guard.js";

const promptsDir = fileURLToPath(new URL("../../../prompts", import.meta.url));

let repo: TempRepo;
let templates: StagePromptTemplates;
let input: PromptInput;
beforeAll(async () => {
  repo = createTempRepo({ "README.md": "# Widgets\n", "src/index.ts": "export {};\n" });
  const guard = createWorkspaceGuard({ root: repo.root, protectedPaths: [] });
  templates = await loadStagePromptTemplates("developer", { promptsDir, guard });
  const tools = createAgentTools({
    guard,
    redactor: createRedactor({}),
    allowedCommands: ["npm test"],
    env: {},
  });
  input = {
    templates,
    repository: "acme/widgets",
    stage: "implement",
    allowedCommands: ["npm test"],
    protectedPaths: [...ALWAYS_PROTECTED_PATHS],
    agentsMd: "# Conventions\n\nUse TypeScript.\n",
    tools: tools.map((tool) => tool.definition),
    repoFiles: ["README.md", "src/index.ts"],
    task: {
      text: "Add a greet() function.",
      feedback: [{ author: "ada", body: "Please also export it.\nThanks!" }],
      findings: [{ severity: "error", message: "greet is missing", path: "src/index.ts", line: 1 }],
    },
  };
});
afterAll(() => repo.remove());

describe("assemblePrompt", () => {
  it("puts the stable parts first, in order, and the task last", () => {
    const { system, firstUserMessage } = assemblePrompt(input);
    const order = [
      "You are the developer",
      "# How you work here",
      "# Project conventions (AGENTS.md)",
      "# Tools",
      "# Repository map",
    ];
    const positions = order.map((heading) => system.indexOf(heading));
    expect(positions.every((at) => at >= 0)).toBe(true);
    expect([...positions].sort((a, b) => a - b)).toEqual(positions);
    expect(system).toContain("- run: Run a command in the workspace");
    expect(system).toContain("2 files:\nREADME.md\nsrc/index.ts");
    expect(system).not.toContain("greet");
    expect(firstUserMessage).toMatchSnapshot();
  });

  it("renders the whole system prompt as snapshotted", () => {
    expect(assemblePrompt(input).system).toMatchSnapshot();
  });

  it("keys the cache by the stable prefix: the task does not change it, tools and AGENTS.md do", () => {
    const { cacheKey } = assemblePrompt(input);
    expect(cacheKey).toMatch(/^qp-[0-9a-f]{40}$/);
    expect(assemblePrompt({ ...input, task: { text: "Something else." } }).cacheKey).toBe(cacheKey);
    expect(assemblePrompt({ ...input, tools: input.tools.slice(1) }).cacheKey).not.toBe(cacheKey);
    expect(assemblePrompt({ ...input, agentsMd: "other" }).cacheKey).not.toBe(cacheKey);
  });

  it("reports the version of each template used", () => {
    expect(assemblePrompt(input).promptVersions).toEqual({
      developer: expect.stringMatching(/^1\+[0-9a-f]{12}$/),
      system: expect.stringMatching(/^1\+[0-9a-f]{12}$/),
      task: expect.stringMatching(/^1\+[0-9a-f]{12}$/),
    });
  });

  it("says when there is no AGENTS.md, feedback or findings, and caps a long AGENTS.md", () => {
    const bare = assemblePrompt({ ...input, agentsMd: "", task: { text: "Do it." } });
    expect(bare.system).toContain("This repository has no AGENTS.md yet.");
    expect(bare.firstUserMessage).toBe(
      "# Your task\n\nDo it.\n\n# Feedback from people\n\nNone.\n\n# Findings from earlier stages\n\nNone.",
    );
    const long = assemblePrompt({ ...input, agentsMd: "x".repeat(50), maxAgentsMdChars: 10 });
    expect(long.system).toContain(
      `${"x".repeat(10)}\n[AGENTS.md cut here: 40 more characters; read_file AGENTS.md for the rest]`,
    );
  });

  it("caps the repository map", () => {
    const files = Array.from({ length: 30 }, (_, i) => `src/file-${i}.ts`);
    const { system } = assemblePrompt({ ...input, repoFiles: files, repoMap: { maxFiles: 5 } });
    expect(system).toContain(
      "src/file-4.ts\n[25 more files not shown; use list_files with a directory]",
    );
  });
});

describe("prompt overrides in the repository", () => {
  it("uses the repository's template, reports it as such, and names missing variables", async () => {
    repo.write({
      ".github/quantapilot/prompts/developer.md": "---\nversion: 7\n---\nYou build {{product}}.",
    });
    const guard = createWorkspaceGuard({ root: repo.root, protectedPaths: [] });
    const overridden = await loadStagePromptTemplates("developer", { promptsDir, guard });
    expect(overridden.role).toMatchObject({
      source: "repo",
      version: expect.stringMatching(/^repo:7\+/),
    });
    expect(overridden.system.source).toBe("builtin");
    expect(() => assemblePrompt({ ...input, templates: overridden })).toThrow(
      MissingTemplateVariablesError,
    );
    expect(() => assemblePrompt({ ...input, templates: overridden })).toThrow("{{product}}");
  });

  it("ignores an override that is a symlink leading out of the workspace", async () => {
    const outside = join(mkdtempSync(join(tmpdir(), "qp-outside-")), "qa.md");
    writeFileSync(outside, "---\nversion: 9\n---\nInjected.");
    mkdirSync(join(repo.root, ".github/quantapilot/prompts"), { recursive: true });
    symlinkSync(outside, join(repo.root, ".github/quantapilot/prompts/qa.md"));
    const guard = createWorkspaceGuard({ root: repo.root, protectedPaths: [] });
    const qa = await loadStagePromptTemplates("qa", { promptsDir, guard });
    expect(qa.role.source).toBe("builtin");
    expect(qa.role.body).not.toContain("Injected");
    rmSync(dirname(outside), { recursive: true, force: true });
  });

  it("ignores overrides when no guard is given", async () => {
    const builtin = await loadStagePromptTemplates("developer", { promptsDir });
    expect(builtin.role.source).toBe("builtin");
  });
});

describe("the default allowed commands", () => {
  it("render as a quoted list", () => {
    const { system } = assemblePrompt({ ...input, allowedCommands: DEFAULT_ALLOWED_COMMANDS });
    expect(system).toContain(
      "`npm test`, `npm run lint`, `npx vitest run`, `pytest`, `go test ./...`, `cargo test`",
    );
  });
});
