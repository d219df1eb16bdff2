import { matchesGlob } from "../glob.js";

// The directories a glob's literal head names: for ".github/workflows/**"
// these are ".github" and ".github/workflows". Writing or deleting one of them
// as a path would replace or drop the whole protected tree.
function protectedDirectories(glob: string): string[] {
  const segments = glob.split("/");
  const firstWildcard = segments.findIndex((segment) => /[*?]/.test(segment));
  const literal = firstWildcard === -1 ? segments.slice(0, -1) : segments.slice(0, firstWildcard);
  return literal.map((_, i) => literal.slice(0, i + 1).join("/"));
}

function protects(glob: string, path: string): boolean {
  if (matchesGlob(path, glob, { caseInsensitive: true })) return true;
  const lowered = path.toLowerCase();
  return protectedDirectories(glob.toLowerCase()).includes(lowered);
}

/**
 * The first glob of `globs` that protects `path`, or undefined. Matching
 * ignores case, because a checkout on macOS or Windows would write
 * `.GitHub/Workflows/x.yml` over the real workflow; and a path that is a
 * directory above a protected one (`.github`) is protected too.
 */
export function findProtectingGlob(path: string, globs: readonly string[]): string | undefined {
  return globs.find((glob) => protects(glob, path));
}
