import { readFileSync, statSync } from "node:fs";
import { isBinary } from "./is-binary.js";

/** A file to scan: its path for the answer, its real path for reading. */
export interface ScanTarget {
  path: string;
  absolute: string;
}

/** One matching line. */
export interface LineMatch {
  path: string;
  line: number;
  /** The line, clipped: a minified file's one line must not fill the context. */
  text: string;
}

/** How much a scan collects. */
export interface ScanCaps {
  maxResults: number;
  maxFileBytes: number;
}

const MAX_LINE_CHARS = 240;

/**
 * Tests `regex` against each line of each file, synchronously, so that a
 * caller can run it under a hard time limit (see `runWithin`). Stops at
 * `maxResults` lines; `more` says whether there were others. Files over
 * the size cap and binary files are skipped.
 */
export function scanFiles(
  targets: readonly ScanTarget[],
  regex: RegExp,
  caps: ScanCaps,
): { matches: LineMatch[]; more: boolean } {
  const matches: LineMatch[] = [];
  for (const target of targets) {
    const text = readText(target.absolute, caps.maxFileBytes);
    if (text === undefined) continue;
    const lines = text.split("\n");
    for (let index = 0; index < lines.length; index++) {
      const line = lines[index] ?? "";
      if (!regex.test(line)) continue;
      if (matches.length === caps.maxResults) return { matches, more: true };
      matches.push({ path: target.path, line: index + 1, text: clip(line.trimEnd()) });
    }
  }
  return { matches, more: false };
}

function readText(path: string, maxBytes: number): string | undefined {
  try {
    if (statSync(path).size > maxBytes) return undefined;
    const bytes = readFileSync(path);
    return isBinary(bytes) ? undefined : bytes.toString("utf8");
  } catch {
    return undefined; // deleted or unreadable since it was listed: nothing to match
  }
}

function clip(line: string): string {
  return line.length <= MAX_LINE_CHARS ? line : `${line.slice(0, MAX_LINE_CHARS)}…`;
}
