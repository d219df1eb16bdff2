import { lstat, unlink } from "node:fs/promises";
import { z } from "zod";
import type { WorkspaceGuard } from "../workspace-guard.js";
import { type AgentTool, defineTool, toolError } from "./define-tool.js";

const args = z.object({
  path: z.string().min(1).describe("File path relative to the workspace root."),
});

/**
 * `delete_file`: removes one file. A symlink is removed itself, never what
 * it points to; directories are refused (git tracks files, so deleting them
 * one by one says exactly what goes).
 */
export function createDeleteFileTool(options: { guard: WorkspaceGuard }): AgentTool {
  return defineTool({
    name: "delete_file",
    description: "Delete one file of the workspace.",
    args,
    async run({ path }) {
      const resolved = options.guard.resolveForWrite(path);
      if (!resolved.ok) return toolError(`Refused: ${resolved.message}`);
      const info = await lstat(resolved.entry).catch(() => undefined);
      if (!info) return toolError(`"${path}" does not exist.`);
      if (info.isDirectory()) {
        return toolError(`"${path}" is a directory; delete the files in it one by one.`);
      }
      await unlink(resolved.entry);
      return { content: `Deleted ${resolved.relative}.` };
    },
  });
}
