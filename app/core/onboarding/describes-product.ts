/** Whether a README says enough about a product for the architect to plan it, and why. */
export interface ReadmeVerdict {
  describesProduct: boolean;
  /** Words of prose found outside the title, badges, code, comments and links' URLs. */
  words: number;
  reason: string;
}

/** Fewer words than this is a title and a tagline, not a product description. */
export const MIN_PRODUCT_WORDS = 40;

// What says nothing about the product: comments, code, images/badges, link targets, HTML tags.
function prose(markdown: string): string {
  return markdown
    .replace(/\r\n?/g, "\n")
    .replace(/<!--[\s\S]*?(?:-->|$)/g, " ")
    .replace(/^\s*(```|~~~)[\s\S]*?(?:^\s*\1|$(?![\s\S]))/gm, " ")
    .replace(/!\[[^\]]*\]\([^)]*\)/g, " ")
    .replace(/\[([^\]]*)\]\([^)]*\)/g, "$1")
    .replace(/<[^>]+>/g, " ")
    .replace(/https?:\/\/\S+/g, " ");
}

// The first heading is the repository's name: GitHub's own README is just that.
function dropTitle(text: string): string {
  const lines = text.split("\n");
  const first = lines.findIndex((line) => line.trim() !== "");
  if (first >= 0 && /^\s*#\s/.test(lines[first] ?? "")) lines.splice(first, 1);
  return lines.join("\n");
}

function countWords(text: string): number {
  return text.match(/[\p{L}\p{N}][\p{L}\p{N}'’-]*/gu)?.length ?? 0;
}

/**
 * Decides whether a README describes a product worth a kickoff: at least
 * `MIN_PRODUCT_WORDS` words of prose once the title line, HTML comments,
 * code blocks, images, badges and URLs are set aside. GitHub's generated
 * README (`# name` and perhaps the description) never does.
 */
export function describesProduct(readme: string | null): ReadmeVerdict {
  if (readme === null) {
    return { describesProduct: false, words: 0, reason: "the repository has no README" };
  }
  const words = countWords(dropTitle(prose(readme)));
  if (words >= MIN_PRODUCT_WORDS) {
    return { describesProduct: true, words, reason: `the README describes it in ${words} words` };
  }
  const reason = `the README has ${words} words of description; a kickoff needs at least ${MIN_PRODUCT_WORDS}`;
  return { describesProduct: false, words, reason };
}
