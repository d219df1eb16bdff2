import type { Position } from "./config-error.js";

/** Deeper than any config needs (the schema nests four levels); a parser's recursion stays shallow. */
export const MAX_CONFIG_NESTING = 64;

/**
 * Where `text` first opens more than {@link MAX_CONFIG_NESTING} flow
 * collections (`[` / `{`) inside each other, undefined when it never does.
 * One linear pass that skips quoted scalars and comments, run before any YAML
 * parser: 100,000 nested brackets took a parser seconds of CPU (and Probot's
 * loader all its memory), on every delivery that read the file.
 */
export function findDeepNesting(text: string): Position | undefined {
  let depth = 0;
  let line = 1;
  let lineStart = 0;
  let quote: string | undefined;
  for (let i = 0; i < text.length; i++) {
    const char = text[i];
    if (char === "\n") {
      line++;
      lineStart = i + 1;
      if (quote === undefined) continue;
    }
    if (quote !== undefined) {
      if (quote === '"' && char === "\\")
        i++; // an escaped character, maybe a quote
      else if (char === quote) quote = undefined; // '' inside '…' closes and reopens: same depth
      continue;
    }
    if (char === '"' || char === "'") quote = char;
    else if (char === "#" && (i === lineStart || /\s/.test(text[i - 1] ?? ""))) {
      const end = text.indexOf("\n", i);
      i = (end === -1 ? text.length : end) - 1;
    } else if (char === "[" || char === "{") {
      depth++;
      if (depth > MAX_CONFIG_NESTING) return { line, column: i - lineStart + 1 };
    } else if ((char === "]" || char === "}") && depth > 0) depth--;
  }
  return undefined;
}
