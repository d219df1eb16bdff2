import { runGit } from "./run-git.js";

const HEADER = /^([0-9a-f]{40,64}) blob (\d+)$/;

function readHeader(output: Buffer, offset: number): { sha: string; size: number; end: number } {
  const end = output.indexOf(10, offset);
  const line = output.subarray(offset, end === -1 ? undefined : end).toString("latin1");
  const match = HEADER.exec(line);
  if (end === -1 || match === null) {
    throw new Error(`Unexpected git cat-file output: ${JSON.stringify(line.slice(0, 200))}`);
  }
  return { sha: match[1] ?? "", size: Number(match[2]), end };
}

/** The size in bytes of each blob, without reading any of them (`cat-file --batch-check`). */
export async function readBlobSizes(
  root: string,
  shas: readonly string[],
): Promise<Map<string, number>> {
  const sizes = new Map<string, number>();
  if (shas.length === 0) return sizes;
  const output = await runGit(root, ["cat-file", "--batch-check"], {
    input: `${shas.join("\n")}\n`,
  });
  for (let offset = 0; offset < output.length; ) {
    const { sha, size, end } = readHeader(output, offset);
    sizes.set(sha, size);
    offset = end + 1;
  }
  return sizes;
}

/**
 * The bytes of each blob, read in one `git cat-file --batch`: each answer is
 * a header line, exactly `size` bytes, and a newline. The caller bounds the
 * total with `readBlobSizes` first, since all of it is held in memory.
 */
export async function readBlobs(
  root: string,
  shas: readonly string[],
): Promise<Map<string, Buffer>> {
  const blobs = new Map<string, Buffer>();
  if (shas.length === 0) return blobs;
  const output = await runGit(root, ["cat-file", "--batch"], { input: `${shas.join("\n")}\n` });
  for (let offset = 0; offset < output.length; ) {
    const { sha, size, end } = readHeader(output, offset);
    blobs.set(sha, output.subarray(end + 1, end + 1 + size));
    offset = end + 1 + size + 1;
  }
  return blobs;
}
