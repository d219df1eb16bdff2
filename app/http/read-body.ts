import type { IncomingMessage } from "node:http";

export class BodyTooLargeError extends Error {
  override name = "BodyTooLargeError";
  readonly status = 413;
}

/**
 * Reads a request body up to `limit` bytes. A declared or streamed size over
 * the limit is refused before anything is buffered beyond it; the socket is
 * left open so the caller can still answer 413.
 */
export function readBody(req: IncomingMessage, limit: number): Promise<string> {
  const declared = Number(req.headers["content-length"]);
  if (Number.isFinite(declared) && declared > limit) {
    return Promise.reject(
      new BodyTooLargeError(`Body of ${declared} bytes exceeds the ${limit}-byte limit`),
    );
  }
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    const onData = (chunk: Buffer) => {
      size += chunk.length;
      if (size > limit) {
        req.off("data", onData).off("end", onEnd).pause();
        reject(new BodyTooLargeError(`Body exceeds the ${limit}-byte limit`));
        return;
      }
      chunks.push(chunk);
    };
    const onEnd = () => resolve(Buffer.concat(chunks).toString("utf8"));
    req.on("data", onData).on("end", onEnd).once("error", reject);
  });
}
