import {
  type ChangeRefusal,
  checkResultChanges,
  type ResultLimits,
} from "../../../contract/check-result-changes.js";
import { limitsSchema } from "../../../contract/config/limits.js";
import { ALWAYS_PROTECTED_PATHS } from "../../../contract/config.js";
import { blobShas, type ClassifiedFile, classifyEntries } from "./classify-entries.js";
import type { CollectedChanges, CollectedRefusal } from "./collected-changes.js";
import { diffWorkingTree } from "./diff-working-tree.js";
import { findSizeRefusals } from "./find-size-refusals.js";
import { readBlobSizes, readBlobs } from "./read-blobs.js";
import { toFileChange } from "./to-file-change.js";

export type { CollectedChanges, CollectedFile, CollectedRefusal } from "./collected-changes.js";
export { BaseCommitError } from "./diff-working-tree.js";

/** Where to look, what is protected, and the result limits (default: the config's defaults). */
export interface CollectChangesOptions {
  dir: string;
  baseSha: string;
  protectedPaths: readonly string[];
  maxFiles?: number;
  maxFileBytes?: number;
  maxTotalBytes?: number;
}

function resolveLimits(options: CollectChangesOptions): ResultLimits {
  const defaults = limitsSchema.parse(undefined).result;
  return {
    max_files: options.maxFiles ?? defaults.max_files,
    max_file_bytes: options.maxFileBytes ?? defaults.max_file_bytes,
    max_total_bytes: options.maxTotalBytes ?? defaults.max_total_bytes,
  };
}

// The count and size rules were decided from git's sizes, over every file.
const SIZED_RULES = new Set(["too_many_files", "file_too_large", "total_too_large"]);
const fromContract = (r: ChangeRefusal): CollectedRefusal => ({
  path: r.path ?? "",
  reason: r.message,
  rule: r.rule,
});

function unique(refusals: CollectedRefusal[]): CollectedRefusal[] {
  return [...new Map(refusals.map((r) => [r.reason, r])).values()];
}

// Content is read only when the set fits the limits: a runaway command's
// gigabytes never reach memory, and their paths are still checked.
async function readContents(
  root: string,
  files: ClassifiedFile[],
  limits: ResultLimits,
  fits: boolean,
) {
  const readable = fits
    ? files.filter((f) => f.status !== "deleted" && f.bytes <= limits.max_file_bytes)
    : [];
  const blobs = await readBlobs(root, [...new Set(readable.map((f) => f.sha))]);
  const wanted = new Set(readable);
  return files.map((file) => {
    if (!wanted.has(file)) return toFileChange(file, undefined);
    const content = blobs.get(file.sha);
    // A missing blob must never turn a written file into a deletion.
    if (content === undefined) throw new Error(`git did not return the content of ${file.path}.`);
    return toFileChange(file, content);
  });
}

/**
 * Collects the working tree's changes against `baseSha` (see
 * `diffWorkingTree`) and applies the checks the app applies to a result —
 * `checkResultChanges` with the always-protected paths added, so protected
 * paths, unsafe paths, escaping symlinks, sizes and secret-shaped content —
 * plus the action's own: secret files and submodules. Any refusal empties
 * `changes`. Throws `BaseCommitError` when the base is not in the checkout.
 */
export async function collectChanges(options: CollectChangesOptions): Promise<CollectedChanges> {
  const limits = resolveLimits(options);
  const protectedPaths = [...new Set([...ALWAYS_PROTECTED_PATHS, ...options.protectedPaths])];
  const { root, entries } = await diffWorkingTree(options.dir, options.baseSha);
  const sizes = await readBlobSizes(root, blobShas(entries));
  const { files, refusals: named } = classifyEntries(entries, sizes);
  const sized = findSizeRefusals(files, limits);
  const fits = !sized.some((r) => r.rule === "too_many_files" || r.rule === "total_too_large");
  const changes = await readContents(root, files, limits, fits);
  const checked = checkResultChanges(changes, { protectedPaths, limits })
    .filter((r) => !SIZED_RULES.has(r.rule))
    .map(fromContract);
  const refusals = unique([...named, ...sized, ...checked]);
  const summary = files.map(({ sha: _sha, ...file }) => file);
  return { changes: refusals.length === 0 ? changes : [], refusals, files: summary };
}
