import type { CapturedOutput } from "./capture-output.js";

/**
 * A command's output for the model: redacted first, then cut to its head
 * and tail (errors tend to be at the end, the command's banner and first
 * failure at the start) with a marker saying how much was left out.
 */
export function formatCommandOutput(
  output: CapturedOutput,
  redact: (text: string) => string,
  maxChars: number,
): string {
  if (output.totalBytes === 0) return "(no output)";
  const half = Math.floor(maxChars / 2);
  if (output.droppedBytes === 0) {
    const text = redact(output.head);
    if (text.length <= maxChars) return text;
    return cut(text.slice(0, half), text.slice(-half), output.totalBytes, half);
  }
  return cut(
    redact(output.head).slice(0, half),
    redact(output.tail).slice(-half),
    output.totalBytes,
    half,
  );
}

function cut(head: string, tail: string, totalBytes: number, half: number): string {
  const marker = `\n[… output cut: ${totalBytes} bytes in all; the first and last ${half} characters are shown …]\n`;
  return `${head}${marker}${tail}`;
}
