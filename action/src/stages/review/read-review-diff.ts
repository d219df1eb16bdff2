import { runGit } from "../../changes/run-git.js";

/** Characters of diff put in the prompt; the reviewer reads the rest with its tools. */
export const MAX_DIFF_CHARS = 60_000;

/**
 * The change under review, `diffBase..HEAD`, as the reviewer's prompt
 * shows it: the list of files, then the patch, cut at `maxChars` with a
 * note saying so. Without a base, a note telling the reviewer to look for
 * itself instead.
 */
export async function readReviewDiff(
  root: string,
  diffBase: string | undefined,
  maxChars = MAX_DIFF_CHARS,
): Promise<string> {
  if (diffBase === undefined) {
    return "The base of the change could not be determined; list and read the changed files yourself.";
  }
  const range = [diffBase, "HEAD"];
  const [stat, patch] = await Promise.all([
    runGit(root, ["diff", "--stat=120", ...range]),
    runGit(root, ["diff", "--no-color", "--no-ext-diff", ...range]),
  ]);
  const text = patch.toString("utf8");
  if (text.trim() === "") return `No difference between ${diffBase} and HEAD.`;
  const shown =
    text.length <= maxChars
      ? text
      : `${text.slice(0, maxChars)}\n[diff cut here: ${text.length - maxChars} more characters; read the files for the rest]`;
  return `Files changed (${diffBase}..HEAD):\n\n${stat.toString("utf8")}\n\`\`\`diff\n${shown}\n\`\`\``;
}
