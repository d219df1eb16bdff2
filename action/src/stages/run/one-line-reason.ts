/** Longest reason a result may carry (the contract's limit). */
export const MAX_REASON_CHARS = 300;

/**
 * `text` as a result's reason: one line, whitespace collapsed, cut at the
 * contract's 300 characters with an ellipsis; never empty.
 */
export function oneLineReason(text: string): string {
  const line = text.replace(/\s+/g, " ").trim() || "No reason was given.";
  return line.length <= MAX_REASON_CHARS ? line : `${line.slice(0, MAX_REASON_CHARS - 1)}…`;
}
