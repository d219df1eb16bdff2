import { FILE_MODES } from "../../../contract/stage-result.js";
import type { CollectedFile, CollectedRefusal, FileMode } from "./collected-changes.js";
import { findNameRefusals, maskSecrets } from "./find-name-refusals.js";
import type { RawDiffEntry } from "./parse-raw-diff.js";

/** A path that may go into the result, with the blob holding its new content. */
export interface ClassifiedFile extends CollectedFile {
  sha: string;
}

const STATUS = { A: "added", D: "deleted", M: "modified", T: "modified" } as const;
const strictUtf8 = new TextDecoder("utf-8", { fatal: true });
const isFileMode = (mode: string): mode is FileMode =>
  (FILE_MODES as readonly string[]).includes(mode);

/** The blobs whose sizes `classifyEntries` needs: new content of files, not of submodules. */
export function blobShas(entries: readonly RawDiffEntry[]): string[] {
  const shas = entries
    .filter((e) => e.status !== "D" && isFileMode(e.newMode))
    .map((e) => e.newSha);
  return [...new Set(shas)];
}

function decodePath(bytes: Buffer): string | undefined {
  try {
    return strictUtf8.decode(bytes);
  } catch {
    return undefined;
  }
}

function unsupported(path: string, why: string): CollectedRefusal {
  return { path, rule: "unsupported_entry", reason: `${JSON.stringify(path)} ${why}.` };
}

const SUBMODULE = "is a nested git repository (a submodule); results carry files only";

// Names are shown with any credential in them masked: refusals reach logs and summaries.
function classify(entry: RawDiffEntry, sizes: ReadonlyMap<string, number>) {
  const raw = decodePath(entry.path);
  if (raw === undefined) {
    const shown = maskSecrets(entry.path.toString("utf8"));
    return { refusals: [unsupported(shown, "is not a valid UTF-8 file name")] };
  }
  const path = maskSecrets(raw);
  const deleted = entry.status === "D";
  const mode = deleted ? entry.oldMode : entry.newMode;
  if (mode === "160000") return { refusals: [unsupported(path, SUBMODULE)] };
  if (!isFileMode(mode)) {
    return { refusals: [unsupported(path, `has git mode ${mode}, which results cannot carry`)] };
  }
  const { newSha: sha } = entry;
  const file: ClassifiedFile = deleted
    ? { path, status: "deleted", bytes: 0, sha }
    : { path, status: STATUS[entry.status], mode, bytes: sizes.get(sha) ?? 0, sha };
  return { file, refusals: findNameRefusals(file, raw) };
}

/**
 * Turns git's entries into files a result may carry, and refuses what it
 * cannot: names that are not UTF-8, submodules, secret files (`.env`,
 * keys) and names that look like credentials.
 */
export function classifyEntries(
  entries: readonly RawDiffEntry[],
  sizes: ReadonlyMap<string, number>,
): { files: ClassifiedFile[]; refusals: CollectedRefusal[] } {
  const files: ClassifiedFile[] = [];
  const refusals: CollectedRefusal[] = [];
  for (const entry of entries) {
    const classified = classify(entry, sizes);
    if (classified.file !== undefined) files.push(classified.file);
    refusals.push(...classified.refusals);
  }
  return { files, refusals };
}
