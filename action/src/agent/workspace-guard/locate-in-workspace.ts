import { lstatSync, realpathSync } from "node:fs";
import { basename, dirname, join } from "node:path";

/** Where a relative path lands on disk. */
export type Located =
  | { ok: true; absolute: string; entry: string }
  | { ok: false; problem: string };

/**
 * Resolves `relativePath` under `root` (both trusted: the root is a real
 * path, the relative path has no `..`). The nearest existing ancestor is
 * resolved with realpath and the missing rest appended, so a path that does
 * not exist yet still lands where a write would create it. `absolute`
 * follows every symlink; `entry` follows all but the last component.
 */
export function locateInWorkspace(root: string, relativePath: string): Located {
  if (relativePath === "") return { ok: true, absolute: root, entry: root };
  const lexical = join(root, ...relativePath.split("/"));
  const absolute = resolveNearest(lexical);
  if (absolute === undefined) {
    return { ok: false, problem: "is a symlink whose target does not exist or loops" };
  }
  const parent = resolveNearest(dirname(lexical));
  if (parent === undefined) {
    return { ok: false, problem: "is under a symlink whose target does not exist or loops" };
  }
  return { ok: true, absolute, entry: join(parent, basename(lexical)) };
}

// Undefined when an existing entry cannot be resolved: a dangling symlink
// would let a write create its target wherever it points.
function resolveNearest(path: string): string | undefined {
  const missing: string[] = [];
  let current = path;
  for (;;) {
    try {
      return join(realpathSync(current), ...missing);
    } catch (error) {
      if (exists(current) || !isMissing(error)) return undefined;
      missing.unshift(basename(current));
      const parent = dirname(current);
      if (parent === current) return undefined;
      current = parent;
    }
  }
}

function exists(path: string): boolean {
  try {
    lstatSync(path);
    return true;
  } catch {
    return false;
  }
}

function isMissing(error: unknown): boolean {
  const code = (error as NodeJS.ErrnoException).code;
  return code === "ENOENT" || code === "ENOTDIR";
}
