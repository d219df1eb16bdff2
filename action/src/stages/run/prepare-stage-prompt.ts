import type { StageSpec } from "../../../../contract/stage-spec.js";
import { loadStagePromptTemplates } from "../../agent/load-prompt-template.js";
import { type AssembledPrompt, assemblePrompt } from "../../agent/prompt.js";
import { readAgentsMd } from "../../agent/read-agents-md.js";
import type { AgentTool } from "../../agent/tools/define-tool.js";
import { listWorkspaceFiles } from "../../agent/tools/list-workspace-files.js";
import type { WorkspaceGuard } from "../../agent/workspace-guard.js";

/** What a stage's prompt is built from, besides the spec. */
export interface StagePromptInput {
  spec: StageSpec;
  guard: WorkspaceGuard;
  /** The scrubbed environment git runs with. */
  env: Readonly<Record<string, string>>;
  /** The action's own `prompts/` directory. */
  promptsDir: string;
  tools: readonly AgentTool[];
  /** The stage's deliverables, put after the task. */
  brief: string;
}

/**
 * Loads the role's templates (a repository's override in
 * `.github/quantapilot/prompts/<role>.md` wins, and its version goes into
 * the result), AGENTS.md and the file list, and assembles the prompt
 * stable-first with the task and the stage's brief last.
 */
export async function prepareStagePrompt(input: StagePromptInput): Promise<AssembledPrompt> {
  const { spec, guard } = input;
  const [templates, agentsMd, repoFiles] = await Promise.all([
    loadStagePromptTemplates(spec.role, { promptsDir: input.promptsDir, guard }),
    readAgentsMd(guard),
    listWorkspaceFiles({ root: guard.root, env: input.env }),
  ]);
  return assemblePrompt({
    templates,
    repository: `${spec.repository.owner}/${spec.repository.name}`,
    stage: spec.stage,
    allowedCommands: spec.allowed_commands,
    protectedPaths: spec.protected_paths,
    ...(agentsMd === undefined ? {} : { agentsMd }),
    tools: input.tools.map((tool) => tool.definition),
    repoFiles,
    task: {
      text: `${spec.task.trim()}\n\n${input.brief}`,
      feedback: spec.human_feedback,
      findings: spec.prior_findings,
    },
  });
}
