export {
  escapeInline,
  formatCount,
  formatDuration,
  formatUsd,
  plural,
} from "../../../contract/markdown-format.js";

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
