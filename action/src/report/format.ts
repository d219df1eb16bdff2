/** Small formatters for the markdown the action writes (job summary, PR text). */

/** Dollars as people read them: cents, but four decimals under $1 when cents would hide the cost. */
export function formatUsd(usd: number): string {
  const wholeCents = Math.round(usd * 1_000_000) % 10_000 === 0;
  return `$${usd.toFixed(usd >= 1 || wholeCents ? 2 : 4)}`;
}

/** An integer with thousands separators, whatever the runner's locale. */
export function formatCount(count: number): string {
  return count.toLocaleString("en-US");
}

/** "38 s", "4 min 12 s", "1 h 5 min". */
export function formatDuration(ms: number): string {
  const seconds = Math.max(0, Math.round(ms / 1000));
  if (seconds < 60) return `${seconds} s`;
  const minutes = Math.floor(seconds / 60);
  if (minutes < 60) return `${minutes} min ${seconds % 60} s`;
  return `${Math.floor(minutes / 60)} h ${minutes % 60} min`;
}

/** "1 file", "3 files". */
export function plural(count: number, one: string, many = `${one}s`): string {
  return `${formatCount(count)} ${count === 1 ? one : many}`;
}

/**
 * Text from an agent made safe for one line of markdown: no line breaks
 * (they would end a table row), markdown and HTML punctuation escaped so it
 * cannot forge a link, a cell or a mention; cut to `max` characters.
 */
export function escapeInline(text: string, max = 300): string {
  const oneLine = text.replace(/\s+/g, " ").trim();
  const cut = oneLine.length > max ? `${oneLine.slice(0, max - 1)}…` : oneLine;
  return cut.replace(/[\\`*_{}[\]()<>|#!~@]/g, "\\$&");
}

/** A file path as inline code that survives any character, table pipes included. */
export function codePath(path: string): string {
  const escaped = path
    .replace(/&/g, "&amp;")
    .replace(/</g, "&lt;")
    .replace(/>/g, "&gt;")
    .replace(/\|/g, "&#124;")
    .replace(/[\r\n]/g, " ");
  return `<code>${escaped}</code>`;
}
