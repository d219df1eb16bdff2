import { describeSecretPattern, findSecrets } from "../../contract/secret-patterns.js";
import type { StageResult } from "../../contract/stage-result.js";

type Visit = (text: string, path: string) => string;

// Every string of a result, wherever the schema puts it, with its dotted path.
function mapStrings(value: unknown, path: string, visit: Visit): unknown {
  if (typeof value === "string") return visit(value, path);
  if (Array.isArray(value)) return value.map((item, i) => mapStrings(item, `${path}.${i}`, visit));
  if (value === null || typeof value !== "object") return value;
  return Object.fromEntries(
    Object.entries(value).map(([key, item]) => [key, mapStrings(item, `${path}.${key}`, visit)]),
  );
}

// File contents are checkResultChanges' job, which names the line.
const isFileContent = (path: string) => /^changes\.\d+\.content$/.test(path);

/**
 * Every secret-shaped string outside the file contents (commit message, PR
 * title and body, review, findings, quality report, even paths), as a
 * refusal naming the field and the kind of secret, never the value.
 */
export function findResultSecrets(result: StageResult): string[] {
  const found: string[] = [];
  mapStrings(result, "", (text, dotted) => {
    const path = dotted.slice(1);
    if (isFileContent(path)) return text;
    const kinds = new Set(findSecrets(text).map((match) => match.pattern));
    for (const kind of kinds) {
      found.push(
        `${path} contains what looks like ${describeSecretPattern(kind)}; results must never carry credentials.`,
      );
    }
    return text;
  });
  return found;
}

// Same length, so every length limit of the schema still holds.
function maskText(text: string): string {
  let masked = text;
  for (const { index, length } of findSecrets(text)) {
    masked = masked.slice(0, index) + "*".repeat(length) + masked.slice(index + length);
  }
  return masked;
}

// findSecrets reads base64 content as one character per byte, so its offsets are byte offsets.
function maskBase64(content: string): string {
  const bytes = Buffer.from(content, "base64");
  const matches = findSecrets(bytes.toString("latin1"));
  if (matches.length === 0) return content;
  for (const { index, length } of matches) bytes.fill("*", index, index + length);
  return bytes.toString("base64");
}

/**
 * The result with every secret-shaped string masked with `*`, so a refused
 * result can be kept for the record without keeping the credential in it.
 */
export function redactResultSecrets(result: StageResult): StageResult {
  const base64 = new Set(
    result.changes.flatMap((change, i) =>
      change.encoding === "base64" ? [`changes.${i}.content`] : [],
    ),
  );
  return mapStrings(result, "", (text, dotted) =>
    base64.has(dotted.slice(1)) ? maskBase64(text) : maskText(text),
  ) as StageResult;
}
