// 12345 → "12,345", without depending on the runtime's locale data.
function formatCount(count: number): string {
  return String(count).replace(/\B(?=(\d{3})+(?!\d))/g, ",");
}

/** The pointer appended to a truncated text, saying how much is missing and where it is. */
export function truncationMarker(omitted: number, url: string | undefined): string {
  const where = url === undefined ? "" : ` — full text at ${url}`;
  return `\n… [truncated: ${formatCount(omitted)} more characters${where}]`;
}

// A cut between the two halves of a surrogate pair would leave invalid UTF-16.
function dropBrokenSurrogate(head: string): string {
  const last = head.charCodeAt(head.length - 1);
  return last >= 0xd800 && last <= 0xdbff ? head.slice(0, -1) : head;
}

/**
 * Shortens `text` to at most `cap` characters (UTF-16 units), marker included
 * — more only when even the bare marker is longer than `cap`. Keeps the head
 * of the text, which is where people put what matters, and returns the text
 * unchanged when the marker would not make it shorter.
 */
export function truncateText(text: string, cap: number, url?: string): string {
  if (text.length <= cap) return text;
  const room = Math.max(0, cap - truncationMarker(text.length, url).length);
  const head = dropBrokenSurrogate(text.slice(0, room));
  const cut = head + truncationMarker(text.length - head.length, url);
  return cut.length < text.length ? cut : text;
}
