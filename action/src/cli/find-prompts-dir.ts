import { existsSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

/**
 * The shipped `prompts/` directory, found by walking up from `from` (a
 * module's URL): the CLI runs from its source (`action/src/cli/`) and from
 * its bundle (`action/dist/`), which sit at different depths.
 */
export function findPromptsDir(from: string): string {
  let dir = dirname(fileURLToPath(from));
  for (;;) {
    const candidate = join(dir, "prompts");
    if (existsSync(join(candidate, "system.md"))) return candidate;
    const parent = dirname(dir);
    if (parent === dir)
      throw new Error(`No prompts/ directory above ${fileURLToPath(from)}; reinstall QuantaPilot.`);
    dir = parent;
  }
}
