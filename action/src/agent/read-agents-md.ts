import { readFile } from "node:fs/promises";
import type { WorkspaceGuard } from "./workspace-guard.js";

/**
 * The repository's `AGENTS.md`, or undefined when it has none. Read through
 * the guard: a symlink named AGENTS.md cannot bring a file from outside the
 * checkout (or a secret file) into the prompt.
 */
export async function readAgentsMd(guard: WorkspaceGuard): Promise<string | undefined> {
  const resolved = guard.resolveForRead("AGENTS.md");
  if (!resolved.ok) return undefined;
  return readFile(resolved.absolute, "utf8").catch(() => undefined);
}
