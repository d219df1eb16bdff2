/**
 * Stands in for text that renders as something other than plain prose (code,
 * collapsed HTML). It is not whitespace, so a line it starts is not a command
 * line, and it is not a character anyone types.
 */
export const HIDDEN = "\uFFFC";

/** A half-open range `[start, end)` of offsets into a text. */
export type Range = readonly [start: number, end: number];

/**
 * Replaces `text` within `range` with `first` on its first line and `HIDDEN`
 * on each further line it touches, keeping the newlines so line numbers still
 * point into the original comment.
 */
export function blankText(text: string, first = HIDDEN): string {
  return text
    .split("\n")
    .map((_, i) => (i === 0 ? first : HIDDEN))
    .join("\n");
}

/**
 * `blankText` over sorted, non-overlapping ranges in one pass, so a comment
 * with thousands of spans costs one copy rather than one per span.
 */
export function blankRanges(text: string, ranges: readonly Range[], first = HIDDEN): string {
  const parts: string[] = [];
  let position = 0;
  for (const [start, end] of ranges) {
    parts.push(text.slice(position, start), blankText(text.slice(start, end), first));
    position = end;
  }
  parts.push(text.slice(position));
  return parts.join("");
}
