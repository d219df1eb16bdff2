import { describeSecretPattern, findSecrets } from "../secret-patterns.js";
import type { FileChange } from "../stage-result.js";
import type { ChangeRefusal, CheckResultChangesOptions, ResultLimits } from "./change-refusal.js";
import { contentAsText, decodedByteLength, linkTarget } from "./decode-content.js";
import { describeUnsafePath, resolveLinkTarget } from "./describe-unsafe-path.js";
import { findProtectingGlob } from "./find-protecting-glob.js";

type Upsert = Extract<FileChange, { action: "upsert" }>;

// A file full of secrets needs one line in the check run, not hundreds.
const MAX_SECRETS_PER_FILE = 5;

// Paths are quoted as JSON so a hostile name cannot break the check run's lines.
function checkPath(path: string, protectedPaths: readonly string[]): ChangeRefusal[] {
  const unsafe = describeUnsafePath(path);
  if (unsafe !== undefined)
    return [{ path, rule: "unsafe_path", message: `${JSON.stringify(path)} ${unsafe}.` }];
  const glob = findProtectingGlob(path, protectedPaths);
  if (glob === undefined) return [];
  const message = `${JSON.stringify(path)} is protected by ${JSON.stringify(glob)}: agents may not change it; a maintainer can, by hand.`;
  return [{ path, rule: "protected_path", message }];
}

// Git stores a symlink as a blob holding its target; GitHub would happily
// commit one to /etc/passwd or ../../, and the next checkout would follow it.
function checkSymlink(change: Upsert, protectedPaths: readonly string[]): ChangeRefusal[] {
  if (change.mode !== "120000") return [];
  const { path } = change;
  const target = linkTarget(change);
  const landing = target.includes("\u0000") ? undefined : resolveLinkTarget(path, target);
  if (landing === undefined || landing === "" || describeUnsafePath(landing) !== undefined) {
    const message = `${JSON.stringify(path)} is a symlink that points outside the repository or into .git.`;
    return [{ path, rule: "symlink_escape", message }];
  }
  const glob = findProtectingGlob(landing, protectedPaths);
  if (glob === undefined) return [];
  const message = `${JSON.stringify(path)} is a symlink to ${JSON.stringify(landing)}, which is protected by ${JSON.stringify(glob)}.`;
  return [{ path, rule: "protected_path", message }];
}

function checkSize(change: Upsert, limits: ResultLimits): ChangeRefusal[] {
  const size = decodedByteLength(change);
  if (size <= limits.max_file_bytes) return [];
  const message = `${JSON.stringify(change.path)} is ${size} bytes; limits.result.max_file_bytes allows ${limits.max_file_bytes}.`;
  return [{ path: change.path, rule: "file_too_large", message }];
}

// Says which kind of secret and where, never the value itself.
function checkSecrets(change: Upsert): ChangeRefusal[] {
  const text = contentAsText(change);
  return findSecrets(text)
    .slice(0, MAX_SECRETS_PER_FILE)
    .map(({ pattern, index }) => {
      const where = change.encoding === "utf8" ? `line ${lineOf(text, index)}` : `byte ${index}`;
      const message = `${JSON.stringify(change.path)} contains what looks like ${describeSecretPattern(pattern)} at ${where}; results must never carry credentials.`;
      return { path: change.path, rule: "secret" as const, message };
    });
}

function lineOf(text: string, index: number): number {
  let line = 1;
  for (let i = text.indexOf("\n"); i !== -1 && i < index; i = text.indexOf("\n", i + 1)) line++;
  return line;
}

/** The refusals for one change on its own: path, protection, symlink target, size, secrets. */
export function checkChange(
  change: FileChange,
  { protectedPaths, limits }: CheckResultChangesOptions,
): ChangeRefusal[] {
  const pathRefusals = checkPath(change.path, protectedPaths);
  if (change.action === "delete") return pathRefusals;
  const symlink = pathRefusals.length === 0 ? checkSymlink(change, protectedPaths) : [];
  return [...pathRefusals, ...symlink, ...checkSize(change, limits), ...checkSecrets(change)];
}
