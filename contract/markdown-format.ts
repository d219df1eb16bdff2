/**
 * Formatters for the Markdown both sides write (the app's check runs and
 * comments, the action's job summary and PR text), so a figure reads the
 * same wherever a person meets it.
 */

/** Dollars as people read them: cents, but four decimals for fractions of a cent under $1 ($0.0612). */
export function formatUsd(usd: number): string {
  const wholeCents = Math.round(usd * 1_000_000) % 10_000 === 0;
  return `$${usd.toFixed(usd >= 1 || wholeCents ? 2 : 4)}`;
}

/** An integer with thousands separators, independent of the machine's locale. */
export function formatCount(count: number): string {
  return count.toLocaleString("en-US");
}

/** "38 s", "4 min 12 s", "1 h 5 min": precise enough to compare runs at a glance. */
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
 * Text from an agent or a person, made safe for one line of Markdown: no line
 * breaks (they would end a table row), and Markdown and HTML punctuation
 * escaped, so nobody can forge a link, a table cell, a mention or a hidden
 * marker; cut to `max` characters.
 */
export function escapeInline(text: string, max = 300): string {
  const oneLine = text.replace(/\s+/g, " ").trim();
  const cut = oneLine.length > max ? `${oneLine.slice(0, max - 1)}…` : oneLine;
  return cut.replace(/[\\`*_{}[\]()<>|#!~@]/g, "\\$&");
}
