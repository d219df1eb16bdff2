import { z } from "zod";
import type { WorkspaceGuard } from "../workspace-guard.js";
import { type AgentTool, defineTool, toolError } from "./define-tool.js";
import { listWorkspaceFiles } from "./list-workspace-files.js";

/** What `list_files` needs. */
export interface ListFilesOptions {
  guard: WorkspaceGuard;
  /** The scrubbed environment git runs with. */
  env: Readonly<Record<string, string>>;
  /** Most paths in one answer; default 500. */
  maxEntries?: number;
}

const args = z.object({
  path: z
    .string()
    .default("")
    .describe('A directory to list, relative to the workspace root; "" or omitted for all.'),
});

/**
 * `list_files`: the workspace's files (tracked, and untracked but not
 * ignored) under a directory, capped, with a note saying how to narrow the
 * list when it is cut.
 */
export function createListFilesTool(options: ListFilesOptions): AgentTool {
  const maxEntries = options.maxEntries ?? 500;
  return defineTool({
    name: "list_files",
    description:
      "List the files of the workspace (tracked by git, or new and not ignored), optionally under one directory. Paths are relative to the workspace root.",
    args,
    async run({ path }) {
      const resolved = options.guard.resolveForRead(path);
      if (!resolved.ok) return toolError(`Refused: ${resolved.message}`);
      const all = await listWorkspaceFiles({ root: options.guard.root, env: options.env });
      const prefix = resolved.relative === "" ? "" : `${resolved.relative}/`;
      const files = all.filter((file) => file.startsWith(prefix));
      if (files.length === 0) return { content: `No files under "${path}".` };
      return { content: formatListing(files, maxEntries) };
    },
  });
}

function formatListing(files: readonly string[], maxEntries: number): string {
  const shown = files.slice(0, maxEntries).join("\n");
  const rest = files.length - maxEntries;
  if (rest <= 0) return `${files.length} files:\n${shown}`;
  return `${files.length} files; the first ${maxEntries}:\n${shown}\n[${rest} more not shown; pass a directory as path to narrow the list]`;
}
