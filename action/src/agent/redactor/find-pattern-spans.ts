import { findSecrets } from "../../../../contract/secret-patterns.js";

/** A range of a text to mask, `end` exclusive. */
export interface Span {
  start: number;
  end: number;
}

// The contract's private_key pattern matches only the BEGIN line; the key
// itself follows, so the span runs to the END line (or the end of the text,
// when the output was cut before it).
const PEM_END = /-----END [A-Z0-9 ]*PRIVATE KEY(?: BLOCK)?-----/;

// Headers carry credentials in encodings the value patterns miss, e.g. the
// Basic header actions/checkout persists in .git/config.
const AUTH_HEADER =
  /\b(?:authorization|proxy-authorization)\s*[:=]\s*"?(?:basic|bearer|token)\s+([A-Za-z0-9+/=._~-]{8,})/gi;

/**
 * The spans of `text` that look like credentials: the contract's secret
 * patterns (a PEM key extended to its END line) and authorization headers.
 */
export function findPatternSpans(text: string): Span[] {
  const spans = findSecrets(text).map(({ pattern, index, length }) => ({
    start: index,
    end: pattern === "private_key" ? pemEnd(text, index + length) : index + length,
  }));
  for (const match of text.matchAll(AUTH_HEADER)) {
    const credential = match[1] ?? "";
    const end = match.index + match[0].length;
    spans.push({ start: end - credential.length, end });
  }
  return spans;
}

function pemEnd(text: string, from: number): number {
  const match = PEM_END.exec(text.slice(from));
  return match ? from + match.index + match[0].length : text.length;
}

/** Replaces every span with `mask`; overlapping or touching spans become one mask. */
export function maskSpans(text: string, spans: readonly Span[], mask: string): string {
  let out = "";
  let cursor = 0;
  for (const { start, end } of mergeSpans(spans)) {
    out += text.slice(cursor, start) + mask;
    cursor = end;
  }
  return out + text.slice(cursor);
}

function mergeSpans(spans: readonly Span[]): Span[] {
  const merged: Span[] = [];
  for (const span of [...spans].sort((a, b) => a.start - b.start)) {
    const last = merged.at(-1);
    if (last && span.start <= last.end) last.end = Math.max(last.end, span.end);
    else merged.push({ ...span });
  }
  return merged;
}
