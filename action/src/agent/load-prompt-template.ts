import { createHash } from "node:crypto";
import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { parseTemplate } from "../../../prompts/parse-template.js";
import type { WorkspaceGuard } from "./workspace-guard.js";

/** Where a repository keeps its own versions of the prompt files. */
export const PROMPT_OVERRIDES_DIR = ".github/quantapilot/prompts";

/** A prompt file ready to render, and the version the stage result reports for it. */
export interface PromptTemplate {
  /** The file name without `.md`: a role, `system` or `task`. */
  name: string;
  body: string;
  source: "builtin" | "repo";
  /** For prompt_versions: front-matter version, source and content hash, e.g. `1+3fa2b1c9d0e4`. */
  version: string;
}

/** Where prompt files are found. */
export interface LoadPromptOptions {
  /** The `prompts/` directory shipped with the action. */
  promptsDir: string;
  /** The workspace, for overrides in `.github/quantapilot/prompts/`; without it, none are read. */
  guard?: WorkspaceGuard;
}

/**
 * Loads `<name>.md`: the repository's override if it has one, else the
 * built-in file. The override is read through the guard, so a symlink there
 * cannot pull a file from outside the checkout into the prompt.
 */
export async function loadPromptTemplate(
  name: string,
  options: LoadPromptOptions,
): Promise<PromptTemplate> {
  const override = await readOverride(name, options.guard);
  const source = override === undefined ? "builtin" : "repo";
  const file = override === undefined ? join(options.promptsDir, `${name}.md`) : override.path;
  const text = override?.text ?? (await readFile(file, "utf8"));
  const parsed = parseTemplate(text, file);
  return { name, body: parsed.body, source, version: versionLabel(parsed.version, source, text) };
}

async function readOverride(name: string, guard: WorkspaceGuard | undefined) {
  if (guard === undefined) return undefined;
  const resolved = guard.resolveForRead(`${PROMPT_OVERRIDES_DIR}/${name}.md`);
  if (!resolved.ok) return undefined;
  const text = await readFile(resolved.absolute, "utf8").catch(() => undefined);
  return text === undefined ? undefined : { path: resolved.relative, text };
}

// The hash tells apart two edits that forgot to bump the version.
function versionLabel(version: string | undefined, source: string, text: string): string {
  const hash = createHash("sha256").update(text).digest("hex").slice(0, 12);
  const label = `${version ?? "unversioned"}+${hash}`;
  return (source === "repo" ? `repo:${label}` : label).replace(/[\r\n]/g, " ").slice(0, 100);
}

/** The three files a stage's prompt is made of. */
export interface StagePromptTemplates {
  role: PromptTemplate;
  system: PromptTemplate;
  task: PromptTemplate;
}

/** Loads the role's template, the system layout and the task layout. */
export async function loadStagePromptTemplates(
  role: string,
  options: LoadPromptOptions,
): Promise<StagePromptTemplates> {
  const load = (name: string) => loadPromptTemplate(name, options);
  const [roleTemplate, system, task] = await Promise.all([
    load(role),
    load("system"),
    load("task"),
  ]);
  return { role: roleTemplate, system, task };
}
