/** Which rule a refused change broke; stable, for metrics and tests. */
export type ChangeRule =
  | "unsafe_path"
  | "protected_path"
  | "symlink_escape"
  | "duplicate_path"
  | "path_conflict"
  | "too_many_files"
  | "file_too_large"
  | "total_too_large"
  | "secret";

/** Why (part of) a result cannot be written; the message is for the check run. */
export type ChangeRefusal = { path?: string; rule: ChangeRule; message: string };

/** The config's `limits.result`. */
export type ResultLimits = { max_files: number; max_file_bytes: number; max_total_bytes: number };

/** What a result's changes are checked against. */
export type CheckResultChangesOptions = { protectedPaths: readonly string[]; limits: ResultLimits };
