import { blankRanges, HIDDEN, type Range } from "./blank-range.js";

// An unclosed comment hides the rest of the text, as it does when rendered.
const COMMENT = /<!--[\s\S]*?(?:-->|$)/g;
// Elements whose content is code, a quote, or collapsed out of sight.
const CONTAINER = /<(\/?)(details|pre|code|blockquote|samp|kbd)\b[^>]*>/gi;

/**
 * Removes HTML comments, multi-line and unclosed ones included. Text after a
 * comment on the line it starts on stays (comments render as nothing); the
 * lines it continues onto are hidden.
 */
export function stripHtmlComments(text: string): string {
  const ranges: Range[] = Array.from(text.matchAll(COMMENT), (match) => [
    match.index,
    match.index + match[0].length,
  ]);
  return blankRanges(text, ranges, " ");
}

/**
 * Hides `<details>`, `<pre>`, `<code>`, `<blockquote>`, `<samp>` and `<kbd>`
 * elements, nested and unclosed ones included. Each tag name is counted
 * separately, so a stray `</pre>` cannot close an open `<details>`.
 */
export function stripHtmlContainers(text: string): string {
  const depth = new Map<string, number>();
  const ranges: Range[] = [];
  let openedAt: number | undefined;
  for (const match of text.matchAll(CONTAINER)) {
    const tag = (match[2] ?? "").toLowerCase();
    const change = match[1] === "/" ? -1 : 1;
    depth.set(tag, Math.max(0, (depth.get(tag) ?? 0) + change));
    const open = Array.from(depth.values()).some((count) => count > 0);
    if (open && openedAt === undefined) openedAt = match.index;
    if (!open && openedAt !== undefined) {
      ranges.push([openedAt, match.index + match[0].length]);
      openedAt = undefined;
    }
  }
  if (openedAt !== undefined) ranges.push([openedAt, text.length]);
  return blankRanges(text, ranges, HIDDEN);
}
