/** One line of `git diff-index --raw -z --no-renames`: a path and what happened to it. */
export interface RawDiffEntry {
  /** A added, D deleted, M modified (content or mode), T type changed (file ↔ symlink). */
  status: "A" | "D" | "M" | "T";
  oldMode: string;
  newMode: string;
  /** The blob in the temporary index; all zeros for a deletion. */
  newSha: string;
  /** The path as git stored it: bytes, since git does not require UTF-8 names. */
  path: Buffer;
}

const HEADER = /^:(\d{6}) (\d{6}) ([0-9a-f]{40,64}) ([0-9a-f]{40,64}) ([ADMT])$/;

/**
 * Parses `git diff-index --raw -z --no-renames` output: each entry is a
 * header (`:old new oldsha newsha status`) and a path, NUL-separated.
 * Throws on anything else (renames, copies, unmerged), which the caller's
 * flags rule out, rather than guess.
 */
export function parseRawDiff(output: Buffer): RawDiffEntry[] {
  const entries: RawDiffEntry[] = [];
  let offset = 0;
  while (offset < output.length) {
    const headerEnd = output.indexOf(0, offset);
    const pathEnd = headerEnd === -1 ? -1 : output.indexOf(0, headerEnd + 1);
    if (pathEnd === -1) throw new Error("git diff-index output ended in the middle of an entry.");
    const header = output.subarray(offset, headerEnd).toString("latin1");
    const match = HEADER.exec(header);
    if (match === null)
      throw new Error(`Unexpected git diff-index entry: ${JSON.stringify(header)}`);
    const [, oldMode = "", newMode = "", , newSha = "", status = ""] = match;
    const path = output.subarray(headerEnd + 1, pathEnd);
    entries.push({ status: status as RawDiffEntry["status"], oldMode, newMode, newSha, path });
    offset = pathEnd + 1;
  }
  return entries;
}
