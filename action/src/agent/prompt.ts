import { createHash } from "node:crypto";
import type { Finding } from "../../../contract/finding.js";
import { renderTemplate } from "../../../prompts/render.js";
import type { ToolDefinition } from "../llm/types.js";
import type { StagePromptTemplates } from "./load-prompt-template.js";
import { formatRepoMap, type RepoMapCaps } from "./repo-map.js";

/** Feedback a person gave on an earlier run. */
export interface Feedback {
  author: string;
  body: string;
}

/** Everything a stage's prompt is made of. */
export interface PromptInput {
  templates: StagePromptTemplates;
  repository: string;
  stage: string;
  allowedCommands: readonly string[];
  protectedPaths: readonly string[];
  /** The repository's AGENTS.md, if it has one. */
  agentsMd?: string;
  tools: readonly ToolDefinition[];
  /** The workspace's files, for the repository map. */
  repoFiles: readonly string[];
  task: { text: string; feedback?: readonly Feedback[]; findings?: readonly Finding[] };
  repoMap?: RepoMapCaps;
  /** Default 24,000 characters. */
  maxAgentsMdChars?: number;
}

/** The prompt of a run: a stable prefix, the task after it, and what identifies them. */
export interface AssembledPrompt {
  /** Role prompt, rules, AGENTS.md, tools, repository map: identical on every turn. */
  system: string;
  /** The task, feedback and findings: the first user turn, after the cached prefix. */
  firstUserMessage: string;
  tools: readonly ToolDefinition[];
  /** A hash of the stable prefix (system and tools), for providers' prompt-cache routing. */
  cacheKey: string;
  /** Template name → version, for the stage result's prompt_versions. */
  promptVersions: Record<string, string>;
}

/**
 * Assembles a run's prompt stable-first: everything that is the same on
 * every turn (and for every run of the same role on the same commit) goes
 * in the system prompt, next to the tool definitions, so providers serve it
 * from their prompt cache; the task, which differs per run, comes last.
 * Pure: files are read by the caller.
 */
export function assemblePrompt(input: PromptInput): AssembledPrompt {
  const system = renderSystem(input);
  const { templates } = input;
  return {
    system,
    firstUserMessage: renderTask(input),
    tools: input.tools,
    cacheKey: cacheKeyOf(system, input.tools),
    promptVersions: Object.fromEntries(
      Object.values(templates).map((template) => [template.name, template.version]),
    ),
  };
}

function renderSystem(input: PromptInput): string {
  const { role, system } = input.templates;
  const shared = { repository: input.repository, stage: input.stage };
  const vars = {
    ...shared,
    role_prompt: renderTemplate(role.body, shared, role.name),
    allowed_commands: quotedList(input.allowedCommands),
    protected_paths: quotedList(input.protectedPaths),
    agents_md: capAgentsMd(input.agentsMd, input.maxAgentsMdChars ?? 24_000),
    tools: input.tools.map((tool) => `- ${tool.name}: ${tool.description}`).join("\n"),
    repo_map: formatRepoMap(input.repoFiles, input.repoMap),
  };
  return renderTemplate(system.body, vars, system.name);
}

function renderTask({ task, templates }: PromptInput): string {
  const vars = {
    task: task.text.trim(),
    feedback: formatFeedback(task.feedback ?? []),
    findings: formatFindings(task.findings ?? []),
  };
  return renderTemplate(templates.task.body, vars, templates.task.name);
}

function quotedList(items: readonly string[]): string {
  return items.length === 0 ? "none" : items.map((item) => `\`${item}\``).join(", ");
}

function capAgentsMd(text: string | undefined, maxChars: number): string {
  if (text === undefined || text.trim() === "") return "This repository has no AGENTS.md yet.";
  if (text.length <= maxChars) return text.trim();
  const rest = text.length - maxChars;
  return `${text.slice(0, maxChars)}\n[AGENTS.md cut here: ${rest} more characters; read_file AGENTS.md for the rest]`;
}

function formatFeedback(feedback: readonly Feedback[]): string {
  if (feedback.length === 0) return "None.";
  return feedback.map((f) => `- @${f.author}:\n${indent(f.body.trim())}`).join("\n");
}

function formatFindings(findings: readonly Finding[]): string {
  if (findings.length === 0) return "None.";
  return findings
    .map((f) => {
      const where =
        f.path === undefined ? "" : ` ${f.path}${f.line === undefined ? "" : `:${f.line}`}`;
      return `- [${f.severity}]${where} — ${f.message.trim()}`;
    })
    .join("\n");
}

function indent(text: string): string {
  return text
    .split("\n")
    .map((line) => `  ${line}`)
    .join("\n");
}

// Same system and tools → same key; OpenAI caps prompt_cache_key at 64 characters.
function cacheKeyOf(system: string, tools: readonly ToolDefinition[]): string {
  const hash = createHash("sha256").update(system).update("\u0000").update(JSON.stringify(tools));
  return `qp-${hash.digest("hex").slice(0, 40)}`;
}
