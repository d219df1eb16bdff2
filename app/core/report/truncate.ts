/** GitHub's size limits for what the app writes (docs.github.com; see ANCHORS.md). */
export const GITHUB_LIMITS = {
  /** A check run's `output.summary` and `output.text`, each. */
  checkRunOutput: 65_535,
  /** Annotations per create or update request; more are appended by further updates. */
  annotationsPerRequest: 50,
  /** An issue or pull-request comment body. */
  commentBody: 65_536,
} as const;

function isHighSurrogate(code: number): boolean {
  return code >= 0xd800 && code <= 0xdbff;
}

/**
 * `text` unchanged when it fits in `limit` characters; otherwise cut so that
 * the cut text plus `note` fits, never between the halves of a surrogate pair.
 * Lengths are UTF-16 units, which is never fewer than GitHub counts.
 */
export function truncateWithNote(text: string, limit: number, note: string): string {
  if (text.length <= limit) return text;
  // A note that does not fit would itself break the limit: then the text is simply cut.
  const kept = note.length < limit ? note : "";
  let end = limit - kept.length;
  if (end > 0 && isHighSurrogate(text.charCodeAt(end - 1))) end -= 1;
  return `${text.slice(0, end)}${kept}`;
}

/** A check run's summary or text, cut at GitHub's limit with a note saying so. */
export function truncateCheckRunOutput(text: string): string {
  const note = "\n\n… _(truncated: GitHub shows at most 65,535 characters here)_";
  return truncateWithNote(text, GITHUB_LIMITS.checkRunOutput, note);
}

/** Where the whole story is when a comment had to be cut. */
export interface MoreAt {
  label: string;
  url: string;
}

/**
 * A comment body cut to `limit` (GitHub's, less room the caller keeps for a
 * marker), pointing to where the rest can be read when one is known.
 */
export function truncateComment(
  body: string,
  moreAt: MoreAt | null,
  limit: number = GITHUB_LIMITS.commentBody,
): string {
  const where = moreAt === null ? "" : ` Read the rest in [${moreAt.label}](${moreAt.url}).`;
  const note = `\n\n… _(truncated at GitHub's 65,536-character limit.${where})_`;
  return truncateWithNote(body, limit, note);
}

/** `items` in consecutive groups of at most `size`. */
export function chunk<T>(items: readonly T[], size: number): T[][] {
  const groups: T[][] = [];
  for (let start = 0; start < items.length; start += size) {
    groups.push(items.slice(start, start + size));
  }
  return groups;
}
