import { describeSecretPattern, findSecrets } from "../../../contract/secret-patterns.js";
import { findSecretFileGlob } from "../agent/secret-files.js";
import type { CollectedFile, CollectedRefusal } from "./collected-changes.js";

/** `text` with every secret-shaped run replaced by as many `*`, so it can be shown anywhere. */
export function maskSecrets(text: string): string {
  let masked = text;
  for (const { index, length } of findSecrets(text)) {
    masked = masked.slice(0, index) + "*".repeat(length) + masked.slice(index + length);
  }
  return masked;
}

/**
 * Refusals a file earns by its name alone: a secret file by convention
 * (`.env`, keys; stricter than the app on purpose — the agent may not read
 * these, so what a command wrote into one was never meant for a commit; a
 * deletion is fine), and a credential in the name itself. `rawPath` is the
 * name before masking; `file.path` is already masked.
 */
export function findNameRefusals(file: CollectedFile, rawPath: string): CollectedRefusal[] {
  const { path } = file;
  const refusals: CollectedRefusal[] = [];
  const glob = file.status === "deleted" ? undefined : findSecretFileGlob(rawPath);
  if (glob !== undefined) {
    const reason = `${JSON.stringify(path)} matches ${JSON.stringify(glob)}, a file that holds credentials by convention; add it to .gitignore or delete it.`;
    refusals.push({ path, rule: "secret_file", reason });
  }
  const kinds = new Set(findSecrets(rawPath).map((match) => match.pattern));
  for (const kind of kinds) {
    const reason = `The file name ${JSON.stringify(path)} contains what looks like ${describeSecretPattern(kind)}.`;
    refusals.push({ path, rule: "secret", reason });
  }
  return refusals;
}
