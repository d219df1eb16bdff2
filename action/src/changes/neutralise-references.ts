// U+2060 WORD JOINER: invisible, and it breaks GitHub's parsing of the word it sits in.
const JOINER = "\u2060";

// "Fixes #12", "closes: owner/repo#3", "Resolved https://github.com/o/r/issues/4".
const CLOSING =
  /\b(?:close[sd]?|fix(?:e[sd])?|resolve[sd]?)(?=:?\s+(?:[\w.-]+\/[\w.-]+#\d|#\d|https?:\/\/))/gi;

// Not an email (a@b) or a path (npm/@scope); GitHub does not ping from code spans either.
const MENTION = /(^|[^\w`/.@-])@([A-Za-z0-9][\w-]*)/g;

/**
 * Agent-written text made harmless for a commit message or PR body: closing
 * keywords no longer close issues and @mentions no longer ping anyone, while
 * reading the same. A prompt-injected summary must not close or notify
 * whatever it likes once the PR merges; the issue the work is for is closed
 * by the line we add ourselves.
 */
export function neutraliseReferences(text: string): string {
  return text
    .replace(CLOSING, (keyword) => `${keyword.slice(0, 1)}${JOINER}${keyword.slice(1)}`)
    .replace(MENTION, `$1@${JOINER}$2`);
}
