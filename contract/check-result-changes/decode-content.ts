import type { FileChange } from "../stage-result.js";

type Upsert = Extract<FileChange, { action: "upsert" }>;

const utf8Encoder = new TextEncoder();

/** The size of the file an upsert writes, in bytes, without decoding base64. */
export function decodedByteLength(change: Upsert): number {
  if (change.encoding === "utf8") return utf8Encoder.encode(change.content).byteLength;
  const padding = change.content.endsWith("==") ? 2 : change.content.endsWith("=") ? 1 : 0;
  return Math.floor((change.content.length * 3) / 4) - padding;
}

/**
 * The content as a string to scan or read: utf8 as is; base64 decoded to one
 * character per byte, so ASCII-shaped secrets in binary files still match and
 * indexes are byte offsets.
 */
export function contentAsText(change: Upsert): string {
  return change.encoding === "utf8" ? change.content : atob(change.content);
}

/** A symlink's target: its content decoded as UTF-8 text. */
export function linkTarget(change: Upsert): string {
  if (change.encoding === "utf8") return change.content;
  const bytes = Uint8Array.from(atob(change.content), (char) => char.charCodeAt(0));
  return new TextDecoder().decode(bytes);
}
