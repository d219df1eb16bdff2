import type {
  ChangeRefusal,
  CheckResultChangesOptions,
  ResultLimits,
} from "./check-result-changes/change-refusal.js";
import { checkChange } from "./check-result-changes/check-change.js";
import { decodedByteLength } from "./check-result-changes/decode-content.js";
import type { FileChange } from "./stage-result.js";

export type {
  ChangeRefusal,
  ChangeRule,
  CheckResultChangesOptions,
  ResultLimits,
} from "./check-result-changes/change-refusal.js";

function checkCount(changes: readonly FileChange[], limits: ResultLimits): ChangeRefusal[] {
  if (changes.length <= limits.max_files) return [];
  const message = `The result changes ${changes.length} files; limits.result.max_files allows ${limits.max_files}.`;
  return [{ rule: "too_many_files", message }];
}

function checkTotalSize(changes: readonly FileChange[], limits: ResultLimits): ChangeRefusal[] {
  const total = changes.reduce(
    (sum, change) => sum + (change.action === "upsert" ? decodedByteLength(change) : 0),
    0,
  );
  if (total <= limits.max_total_bytes) return [];
  const message = `The result writes ${total} bytes; limits.result.max_total_bytes allows ${limits.max_total_bytes}.`;
  return [{ rule: "total_too_large", message }];
}

// Two changes to one path leave the outcome to the order they are applied in.
function checkDuplicates(changes: readonly FileChange[]): ChangeRefusal[] {
  const seen = new Set<string>();
  const refusals: ChangeRefusal[] = [];
  for (const { path } of changes) {
    if (seen.has(path)) {
      refusals.push({
        path,
        rule: "duplicate_path",
        message: `${JSON.stringify(path)} is changed twice.`,
      });
    }
    seen.add(path);
  }
  return refusals;
}

// Writing "a" as a file and "a/b" below it cannot both happen in one tree.
function checkConflicts(changes: readonly FileChange[]): ChangeRefusal[] {
  const files = new Set(changes.filter((c) => c.action === "upsert").map((c) => c.path));
  return [...files].flatMap((path) => {
    const segments = path.split("/");
    const parent = segments.slice(1).map((_, i) => segments.slice(0, i + 1).join("/"));
    const clash = parent.find((directory) => files.has(directory));
    if (clash === undefined) return [];
    const message = `${JSON.stringify(path)} needs ${JSON.stringify(clash)} to be a directory, but the result writes it as a file.`;
    return [{ path, rule: "path_conflict" as const, message }];
  });
}

/**
 * Everything wrong with a result's file changes, before any is written: an
 * empty list means they may be committed. Covers unsafe paths (traversal,
 * absolute, backslashes, NUL, `.git`), protected paths, symlinks leaving the
 * repository, duplicates, the count and size limits (decoded bytes) and
 * secret-shaped content. Pure: the app and the action run the same checks.
 */
export function checkResultChanges(
  changes: readonly FileChange[],
  options: CheckResultChangesOptions,
): ChangeRefusal[] {
  return [
    ...checkCount(changes, options.limits),
    ...changes.flatMap((change) => checkChange(change, options)),
    ...checkDuplicates(changes),
    ...checkConflicts(changes),
    ...checkTotalSize(changes, options.limits),
  ];
}
