import type { ChangeRule } from "../../../contract/check-result-changes.js";
import type { FILE_MODES, FileChange } from "../../../contract/stage-result.js";

/** A git mode a result may carry: file, executable, symlink. */
export type FileMode = (typeof FILE_MODES)[number];

/** Why the change set cannot be sent; `path` is "" when the whole set is at fault (count, total size). */
export interface CollectedRefusal {
  path: string;
  reason: string;
  /** The contract's rule, or the action's own stricter ones. */
  rule: ChangeRule | "secret_file" | "unsupported_entry";
}

/** One path that differs from the base, for summaries and PR text, whether or not it was refused. */
export interface CollectedFile {
  path: string;
  status: "added" | "modified" | "deleted";
  /** Absent for a deletion. */
  mode?: FileMode;
  /** The new size in bytes; 0 for a deletion. */
  bytes: number;
}

/**
 * The working tree's changes against the base, checked as the app will check
 * them. When `refusals` is not empty, `changes` is empty: nothing of a
 * refused change set may be sent.
 */
export interface CollectedChanges {
  changes: FileChange[];
  refusals: CollectedRefusal[];
  files: CollectedFile[];
}
