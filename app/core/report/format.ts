export {
  escapeInline,
  formatCount,
  formatDuration,
  formatUsd,
  plural,
} from "../../../contract/markdown-format.js";

/** "2026-03-01 12:00 UTC": the same for every reader, whatever the server's zone. */
export function formatTime(iso: string): string {
  return `${iso.slice(0, 10)} ${iso.slice(11, 16)} UTC`;
}
