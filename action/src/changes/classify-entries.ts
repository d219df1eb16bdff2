import { describeSecretPattern, findSecrets } from "../../../contract/secret-patterns.js";
import { FILE_MODES } from "../../../contract/stage-result.js";
import { findSecretFileGlob } from "../agent/secret-files.js";
import type { CollectedFile, CollectedRefusal, FileMode } from "./collected-changes.js";
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

// Stricter than the app on purpose: the agent may not read these files, so
// whatever a command wrote into one was never meant for a commit.
function describeNameProblems(file: CollectedFile): CollectedRefusal[] {
  const { path } = file;
  const glob = file.status === "deleted" ? undefined : findSecretFileGlob(path);
  const secretFile: CollectedRefusal[] =
    glob === undefined
      ? []
      : [
          {
            path,
            rule: "secret_file",
            reason: `${JSON.stringify(path)} matches ${JSON.stringify(glob)}, a file that holds credentials by convention; add it to .gitignore or delete it.`,
          },
        ];
  const kinds = new Set(findSecrets(path).map((match) => match.pattern));
  const inName = [...kinds].map((kind) => ({
    path,
    rule: "secret" as const,
    reason: `The file name ${JSON.stringify(path)} contains what looks like ${describeSecretPattern(kind)}.`,
  }));
  return [...secretFile, ...inName];
}

function classify(entry: RawDiffEntry, sizes: ReadonlyMap<string, number>) {
  const path = decodePath(entry.path);
  if (path === undefined) {
    const shown = entry.path.toString("utf8");
    return { refusals: [unsupported(shown, "is not a valid UTF-8 file name")] };
  }
  const deleted = entry.status === "D";
  const mode = deleted ? entry.oldMode : entry.newMode;
  if (mode === "160000") {
    return {
      refusals: [
        unsupported(path, "is a nested git repository (a submodule); results carry files only"),
      ],
    };
  }
  if (!isFileMode(mode))
    return { refusals: [unsupported(path, `has git mode ${mode}, which results cannot carry`)] };
  const file: ClassifiedFile = deleted
    ? { path, status: "deleted", bytes: 0, sha: entry.newSha }
    : {
        path,
        status: STATUS[entry.status],
        mode,
        bytes: sizes.get(entry.newSha) ?? 0,
        sha: entry.newSha,
      };
  return { file, refusals: describeNameProblems(file) };
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
