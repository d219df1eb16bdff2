import { runGit } from "../../changes/run-git.js";

/**
 * Where the change under review starts: the merge base of HEAD with the
 * default branch, as fetched (`origin/<branch>`, which a `fetch-depth: 0`
 * checkout has) or as a local branch. Undefined when neither is there or
 * the branch is unknown: the reviewer is then told to look for itself.
 */
export async function resolveDiffBase(
  root: string,
  defaultBranch: string | undefined,
): Promise<string | undefined> {
  if (defaultBranch === undefined || defaultBranch.startsWith("-")) return undefined;
  for (const ref of [`refs/remotes/origin/${defaultBranch}`, `refs/heads/${defaultBranch}`]) {
    const base = await runGit(root, ["merge-base", ref, "HEAD"]).then(
      (out) => out.toString("utf8").trim(),
      () => undefined,
    );
    if (base) return base;
  }
  return undefined;
}
