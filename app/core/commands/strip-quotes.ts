const QUOTE = /^[ \t]*>/;
const BLANK = /^[ \t]*$/;

/**
 * Blanks quoted lines (`>`, nested `> >` too) and the lines that continue a
 * quote's paragraph without a `>` of their own: Markdown renders those
 * "lazy" lines inside the quote, so they are quoted text too.
 */
export function stripQuotes(lines: readonly string[]): string[] {
  let inQuote = false;
  return lines.map((line) => {
    if (BLANK.test(line)) {
      inQuote = false;
      return line;
    }
    inQuote = inQuote || QUOTE.test(line);
    return inQuote ? "" : line;
  });
}
