import { describe, expect, it } from "vitest";
import { createOutputCapture } from "./capture-output.js";

const push = (limit: number, ...chunks: string[]) => {
  const capture = createOutputCapture(limit);
  for (const chunk of chunks) capture.push(Buffer.from(chunk));
  return capture.result();
};

describe("createOutputCapture", () => {
  it("keeps everything while it fits", () => {
    expect(push(10, "abc", "def", "ghijk")).toEqual({
      head: "abcdefghijk",
      tail: "",
      totalBytes: 11,
      droppedBytes: 0,
    });
  });

  it("keeps the first and last bytes, counting what it dropped", () => {
    const chunks = Array.from({ length: 100 }, (_, i) => `${String(i).padStart(3, "0")},`);
    expect(push(8, ...chunks)).toEqual({
      head: "000,001,",
      tail: "098,099,",
      totalBytes: 400,
      droppedBytes: 384,
    });
  });

  it("keeps a multi-byte character whole when nothing was dropped", () => {
    const euro = Buffer.from("€");
    const capture = createOutputCapture(2);
    capture.push(euro.subarray(0, 1));
    capture.push(euro.subarray(1));
    expect(capture.result().head).toBe("€");
  });
});
