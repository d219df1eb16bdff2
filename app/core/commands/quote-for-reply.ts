/** How much of a user's comment a reply quotes; keeps the reply under GitHub's 65,536 characters. */
export const MAX_QUOTED_LENGTH = 4_000;

function truncate(text: string): string {
  if (text.length <= MAX_QUOTED_LENGTH) return text;
  // Do not leave half of a surrogate pair at the cut.
  const cut = text.slice(0, MAX_QUOTED_LENGTH).replace(/[\uD800-\uDBFF]$/, "");
  return `${cut}\n… (truncated)`;
}

/**
 * Quotes a user's text in one of the app's replies so that it cannot act:
 * every line becomes a quote (`> `), so no line is a command; `&` and `<` are
 * escaped, so a `</details>` or `<!--` in it cannot close the reply's block or
 * hide the rest of the reply; and `@` and `#` are broken with a zero-width
 * space, so quoting notifies nobody and links no issue again.
 */
export function quoteForReply(text: string): string {
  return truncate(text.replace(/\r\n?/g, "\n"))
    .split("\n")
    .map((line) => {
      const escaped = line
        .replace(/&/g, "&amp;")
        .replace(/</g, "&lt;")
        .replace(/([@#])(?=\w)/g, "$1&#8203;");
      return escaped === "" ? ">" : `> ${escaped}`;
    })
    .join("\n");
}
