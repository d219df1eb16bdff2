/** The start and end of a process's output; the middle is dropped once it is too long. */
export interface CapturedOutput {
  /** All the output when nothing was dropped. */
  head: string;
  /** Empty when nothing was dropped. */
  tail: string;
  totalBytes: number;
  /** Bytes between head and tail that were not kept. */
  droppedBytes: number;
}

/** Collects output chunks, keeping at most `limit` bytes at each end. */
export interface OutputCapture {
  push(chunk: Buffer): void;
  result(): CapturedOutput;
}

/**
 * Creates a capture whose memory stays bounded whatever a command prints:
 * the first `limit` bytes, and a rolling window of the last `limit` bytes.
 */
export function createOutputCapture(limit: number): OutputCapture {
  const head: Buffer[] = [];
  const tail: Buffer[] = [];
  let headBytes = 0;
  let tailBytes = 0;
  let totalBytes = 0;
  return {
    push(chunk) {
      totalBytes += chunk.length;
      const forHead = chunk.subarray(0, Math.max(0, limit - headBytes));
      if (forHead.length > 0) head.push(forHead);
      headBytes += forHead.length;
      const rest = chunk.subarray(forHead.length);
      if (rest.length === 0) return;
      tail.push(rest);
      tailBytes += rest.length;
      while (tail.length > 1 && tailBytes - (tail[0]?.length ?? 0) >= limit) {
        tailBytes -= tail.shift()?.length ?? 0;
      }
    },
    result() {
      const end = Buffer.concat(tail);
      const kept = end.subarray(Math.max(0, end.length - limit));
      const droppedBytes = totalBytes - headBytes - kept.length;
      // Decoded as one buffer when nothing was dropped, so a character split
      // across the head and the tail stays whole.
      if (droppedBytes === 0) {
        return {
          head: Buffer.concat([...head, kept]).toString("utf8"),
          tail: "",
          totalBytes,
          droppedBytes,
        };
      }
      const headText = Buffer.concat(head).toString("utf8");
      return { head: headText, tail: kept.toString("utf8"), totalBytes, droppedBytes };
    },
  };
}
