import type { FileChange } from "../../../../contract/stage-result.js";
import { createRedactor, type Redactor } from "../../agent/redactor.js";
import type { CollectedRefusal } from "../../changes/collect-changes.js";

/**
 * Changes whose content holds a secret the redactor knows (an environment
 * value such as an API key, which no pattern would recognise), each as a
 * refusal: a file is never silently rewritten with `[redacted]`, and never
 * sent with the secret in it.
 */
export function findSecretValueRefusals(
  changes: readonly FileChange[],
  redactor: Redactor,
): CollectedRefusal[] {
  return changes.flatMap((change) => {
    if (change.action !== "upsert") return [];
    const text =
      change.encoding === "base64"
        ? Buffer.from(change.content, "base64").toString("latin1")
        : change.content;
    if (!holdsKnownSecret(text, redactor) && !holdsKnownSecret(change.path, redactor)) return [];
    return [
      {
        path: change.path,
        reason: "holds the value of a secret from the job's environment",
        rule: "secret" as const,
      },
    ];
  });
}

// Secret-shaped strings were already judged by collectChanges with the app's
// own patterns; here only what the environment adds counts, so a README
// showing "Authorization: Bearer <token>" is not refused twice over.
const patternsOnly = createRedactor({});
function holdsKnownSecret(text: string, redactor: Redactor): boolean {
  return redactor.redact(text) !== patternsOnly.redact(text);
}
