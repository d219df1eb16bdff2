import { readFile } from "node:fs/promises";
import type { WorkspaceGuard } from "../agent/workspace-guard.js";

/**
 * A text file of the checkout, or undefined when it is missing or the guard
 * refuses it: a stage reads what the agent wrote through the same guard, so
 * a symlink planted by the agent cannot pull an outside file into the result.
 */
export async function readWorkspaceText(
  guard: WorkspaceGuard,
  path: string,
): Promise<string | undefined> {
  const resolved = guard.resolveForRead(path);
  if (!resolved.ok) return undefined;
  return readFile(resolved.absolute, "utf8").catch(() => undefined);
}
