import { runGit } from "./run-git.js";

/**
 * The paths the checkout's own index marks skip-worktree (a sparse checkout
 * leaves them out of the working tree on purpose), as raw bytes in latin1
 * so any name compares exactly. Read-only: `git ls-files -t` does not write.
 */
export async function findSkippedPaths(root: string): Promise<Set<string>> {
  const output = await runGit(root, ["ls-files", "-t", "-z"]);
  const skipped = new Set<string>();
  for (const line of output.toString("latin1").split("\0")) {
    if (line.startsWith("S ")) skipped.add(line.slice(2));
  }
  return skipped;
}
