import type { FileChange } from "../../../contract/stage-result.js";
import type { ClassifiedFile } from "./classify-entries.js";

// ignoreBOM keeps a byte-order mark in the text, so the file round-trips exactly.
const strictUtf8 = new TextDecoder("utf-8", { fatal: true, ignoreBOM: true });

function asText(bytes: Uint8Array): string | undefined {
  if (bytes.includes(0)) return undefined;
  try {
    return strictUtf8.decode(bytes);
  } catch {
    return undefined;
  }
}

/**
 * The result's change for one file: a deletion, or an upsert with its mode
 * and content — UTF-8 text as is, anything else (NUL bytes, invalid UTF-8)
 * as base64. A symlink's content is its target, as git stores it.
 * `content` undefined makes an upsert a path-only stand-in (a deletion),
 * used to check the paths of a change set too large to read.
 */
export function toFileChange(file: ClassifiedFile, content: Uint8Array | undefined): FileChange {
  if (file.status === "deleted" || content === undefined || file.mode === undefined) {
    return { path: file.path, action: "delete" };
  }
  const text = asText(content);
  return text === undefined
    ? {
        path: file.path,
        action: "upsert",
        mode: file.mode,
        encoding: "base64",
        content: Buffer.from(content).toString("base64"),
      }
    : { path: file.path, action: "upsert", mode: file.mode, encoding: "utf8", content: text };
}
