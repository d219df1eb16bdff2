import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { findSkippedPaths } from "./find-skipped-paths.js";
import { parseRawDiff, type RawDiffEntry } from "./parse-raw-diff.js";
import { GitCommandError, runGit } from "./run-git.js";

/** The checkout cannot be compared with its base: not a repository, or the commit is missing. */
export class BaseCommitError extends Error {
  override name = "BaseCommitError";
}

async function findRoot(dir: string): Promise<string> {
  try {
    return (await runGit(dir, ["rev-parse", "--show-toplevel"])).toString("utf8").trim();
  } catch (error) {
    const detail = error instanceof Error ? error.message : String(error);
    throw new BaseCommitError(`${dir} is not a git checkout with a working tree (${detail}).`);
  }
}

async function resolveBase(root: string, baseSha: string): Promise<string> {
  try {
    const sha = await runGit(root, ["rev-parse", "--verify", "--quiet", `${baseSha}^{commit}`]);
    return sha.toString("utf8").trim();
  } catch (error) {
    if (!(error instanceof GitCommandError)) throw error;
    throw new BaseCommitError(
      `The base commit ${JSON.stringify(baseSha)} is not in the checkout at ${root}: check out the work branch at the spec's base_sha (actions/checkout with ref: <base_sha>) before collecting changes.`,
    );
  }
}

// A sparse checkout leaves files out of the working tree on purpose; their
// absence is not a deletion, or a result would delete half the repository.
async function keepSparseFiles(root: string, entries: RawDiffEntry[]): Promise<RawDiffEntry[]> {
  if (!entries.some((entry) => entry.status === "D")) return entries;
  const skipped = await findSkippedPaths(root);
  if (skipped.size === 0) return entries;
  return entries.filter((e) => e.status !== "D" || !skipped.has(e.path.toString("latin1")));
}

/** The checkout's root and how its working tree differs from the base. */
export interface WorkingTreeDiff {
  root: string;
  entries: RawDiffEntry[];
}

/**
 * What differs between commit `baseSha` and the working tree of the checkout
 * that holds `dir`: tracked and untracked files, ignored ones left out, renames as a
 * deletion plus an addition, files a sparse checkout leaves out not deleted. The work happens in a temporary index
 * (`GIT_INDEX_FILE`), so the checkout's own index and HEAD stay as they were;
 * the file contents are hashed into the repository's object store, where
 * `git cat-file` reads them back exactly as git would commit them.
 */
export async function diffWorkingTree(dir: string, baseSha: string): Promise<WorkingTreeDiff> {
  const root = await findRoot(dir);
  const base = await resolveBase(root, baseSha);
  const scratch = await mkdtemp(join(tmpdir(), "qp-index-"));
  const env = { GIT_INDEX_FILE: join(scratch, "index") };
  try {
    await runGit(root, ["read-tree", base], { env });
    await runGit(root, ["add", "--all", "--", "."], { env });
    const diff = ["diff-index", "--cached", "--raw", "-z", "--no-renames", base];
    const entries = parseRawDiff(await runGit(root, diff, { env }));
    return { root, entries: await keepSparseFiles(root, entries) };
  } finally {
    await rm(scratch, { recursive: true, force: true });
  }
}
