import { mkdir, stat, writeFile } from "node:fs/promises";
import { dirname } from "node:path";
import { z } from "zod";
import type { WorkspaceGuard } from "../workspace-guard.js";
import { type AgentTool, defineTool, toolError } from "./define-tool.js";

/** What `write_file` needs. */
export interface WriteFileOptions {
  guard: WorkspaceGuard;
  /** Largest content accepted, in bytes; default 1 MB, the default result limit per file. */
  maxFileBytes?: number;
}

const args = z.object({
  path: z.string().min(1).describe("File path relative to the workspace root."),
  content: z.string().describe("The whole new content of the file."),
});

/**
 * `write_file`: creates or replaces a file with the given content, creating
 * missing directories. Protected paths and escapes are refused by the guard;
 * content over the per-file result limit is refused here, since the app
 * would refuse the whole result for it later.
 */
export function createWriteFileTool(options: WriteFileOptions): AgentTool {
  const maxFileBytes = options.maxFileBytes ?? 1_000_000;
  return defineTool({
    name: "write_file",
    description:
      "Create a file or replace its whole content; missing directories are created. For a small change to an existing file, prefer edit_file.",
    args,
    async run({ path, content }) {
      const resolved = options.guard.resolveForWrite(path);
      if (!resolved.ok) return toolError(`Refused: ${resolved.message}`);
      const bytes = Buffer.byteLength(content, "utf8");
      if (bytes > maxFileBytes) {
        return toolError(`The content is ${bytes} bytes; files may be at most ${maxFileBytes}.`);
      }
      const existing = await stat(resolved.absolute).catch(() => undefined);
      if (existing?.isDirectory()) return toolError(`"${path}" is a directory.`);
      await mkdir(dirname(resolved.absolute), { recursive: true });
      await writeFile(resolved.absolute, content, "utf8");
      const verb = existing ? "Replaced" : "Created";
      return {
        content: `${verb} ${resolved.relative} (${countLines(content)} lines, ${bytes} bytes).`,
      };
    },
  });
}

// Lines as an editor counts them: a final newline does not start another.
function countLines(text: string): number {
  if (text === "") return 0;
  return text.split("\n").length - (text.endsWith("\n") ? 1 : 0);
}
