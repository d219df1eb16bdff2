import type { Env, Redactor } from "../redactor.js";
import { scrubEnv } from "../scrub-env.js";
import type { WorkspaceGuard } from "../workspace-guard.js";
import type { AgentTool } from "./define-tool.js";
import { createDeleteFileTool } from "./delete-file.js";
import { createEditFileTool } from "./edit-file.js";
import { createFinishTool } from "./finish.js";
import { createListFilesTool } from "./list-files.js";
import { createReadFileTool } from "./read-file.js";
import { createRunTool } from "./run.js";
import { createSearchTool } from "./search.js";
import { createWriteFileTool } from "./write-file.js";

/** The names of the tools, in the order the model sees them. */
export const TOOL_NAMES = [
  "list_files",
  "read_file",
  "search",
  "write_file",
  "edit_file",
  "delete_file",
  "run",
  "finish",
] as const;
/** One of the tools by name. */
export type ToolName = (typeof TOOL_NAMES)[number];

/** What the tools share. */
export interface AgentToolsOptions {
  guard: WorkspaceGuard;
  redactor: Redactor;
  /** The config's `allowed_commands`. */
  allowedCommands: readonly string[];
  /** The process environment; commands and git get a scrubbed copy. */
  env: Env;
  /** Leave tools out, e.g. the writing ones for a reviewer; `finish` is always kept. Default: all. */
  only?: readonly ToolName[];
  /** Per-file size the app accepts (`limits.result.max_file_bytes`). */
  maxFileBytes?: number;
  /** A prefix that runs each command isolated from this process (`findIsolationPrefix`); none: run as is. */
  isolation?: readonly string[] | null;
}

/**
 * The agent's toolbox in a fixed order, so the tool definitions, part of the
 * cached prompt prefix, are byte-identical from turn to turn and run to run.
 */
export function createAgentTools(options: AgentToolsOptions): AgentTool[] {
  const { guard } = options;
  const env = scrubEnv(options.env);
  const size = options.maxFileBytes === undefined ? {} : { maxFileBytes: options.maxFileBytes };
  const all: Record<ToolName, () => AgentTool> = {
    list_files: () => createListFilesTool({ guard, env }),
    read_file: () => createReadFileTool({ guard }),
    search: () => createSearchTool({ guard, env }),
    write_file: () => createWriteFileTool({ guard, ...size }),
    edit_file: () => createEditFileTool({ guard }),
    delete_file: () => createDeleteFileTool({ guard }),
    run: () =>
      createRunTool({
        guard,
        env,
        allowedCommands: options.allowedCommands,
        redact: options.redactor.redact,
        isolation: options.isolation ?? null,
      }),
    finish: () => createFinishTool(),
  };
  // The loop ends on finish; without it a run could only end at a limit.
  const wanted = new Set<ToolName>([...(options.only ?? TOOL_NAMES), "finish"]);
  return TOOL_NAMES.filter((name) => wanted.has(name)).map((name) => all[name]());
}
