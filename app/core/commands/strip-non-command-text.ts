import { stripCodeBlocks } from "./strip-code-blocks.js";
import { stripHtmlComments, stripHtmlContainers } from "./strip-html.js";
import { stripInlineCode } from "./strip-inline-code.js";
import { stripQuotes } from "./strip-quotes.js";

/**
 * The lines of a comment as commands are read from it: fenced, indented and
 * inline code, quotes, HTML comments and collapsed `<details>` (and similar
 * elements) are blanked, keeping one output line per input line.
 *
 * The order follows Markdown's: block structure first (a `<!--` or `>` inside
 * a code block is literal; a code span cannot reach into a quote), then code
 * spans, which bind before raw HTML. Where the reading is ambiguous each pass
 * hides too much rather than too little: a missed command can be repeated, a
 * command run from a quote cannot be undone.
 */
export function stripNonCommandText(body: string): string[] {
  const lines = body.replace(/\r\n?/g, "\n").split("\n");
  const blocks = stripQuotes(stripCodeBlocks(lines)).join("\n");
  return stripHtmlContainers(stripHtmlComments(stripInlineCode(blocks))).split("\n");
}
