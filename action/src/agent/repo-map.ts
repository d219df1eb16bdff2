/** Caps on the repository map in the system prompt. */
export interface RepoMapCaps {
  /** Default 1,500 paths. */
  maxFiles?: number;
  /** Default 40,000 characters. */
  maxChars?: number;
}

/**
 * The repository map for the system prompt: the file list, capped by count
 * and size, with a line saying how many were left out and how to see them.
 * Built once per run from the files at the start, so it stays byte-identical
 * across turns and the cached prefix holds.
 */
export function formatRepoMap(files: readonly string[], caps: RepoMapCaps = {}): string {
  if (files.length === 0) return "The repository has no files yet.";
  const maxFiles = caps.maxFiles ?? 1_500;
  const maxChars = caps.maxChars ?? 40_000;
  const shown: string[] = [];
  let chars = 0;
  for (const file of files.slice(0, maxFiles)) {
    if (chars + file.length + 1 > maxChars) break;
    shown.push(file);
    chars += file.length + 1;
  }
  const rest = files.length - shown.length;
  const more = rest > 0 ? `\n[${rest} more files not shown; use list_files with a directory]` : "";
  return `${files.length} files:\n${shown.join("\n")}${more}`;
}
