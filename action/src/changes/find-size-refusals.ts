import type { ResultLimits } from "../../../contract/check-result-changes.js";
import type { CollectedFile, CollectedRefusal } from "./collected-changes.js";

/**
 * The count and size limits, decided from git's blob sizes before any
 * content is read, in the words the app uses for the same refusals.
 */
export function findSizeRefusals(
  files: readonly CollectedFile[],
  limits: ResultLimits,
): CollectedRefusal[] {
  const refusals: CollectedRefusal[] = [];
  if (files.length > limits.max_files) {
    const reason = `The result changes ${files.length} files; limits.result.max_files allows ${limits.max_files}.`;
    refusals.push({ path: "", rule: "too_many_files", reason });
  }
  for (const { path, bytes } of files) {
    if (bytes <= limits.max_file_bytes) continue;
    const reason = `${JSON.stringify(path)} is ${bytes} bytes; limits.result.max_file_bytes allows ${limits.max_file_bytes}.`;
    refusals.push({ path, rule: "file_too_large", reason });
  }
  const total = files.reduce((sum, file) => sum + file.bytes, 0);
  if (total > limits.max_total_bytes) {
    const reason = `The result writes ${total} bytes; limits.result.max_total_bytes allows ${limits.max_total_bytes}.`;
    refusals.push({ path: "", rule: "total_too_large", reason });
  }
  return refusals;
}
