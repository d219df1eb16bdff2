import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { callTool } from "../testing/call-tool.js";
import { createTempRepo, type TempRepo } from "../testing/create-temp-repo.js";
import { createWorkspaceGuard } from "../workspace-guard.js";
import { createReadFileTool, type ReadFileOptions } from "./read-file.js";

const TEN_LINES = Array.from({ length: 10 }, (_, i) => `line ${i + 1}`).join("\n");

let repo: TempRepo;
beforeEach(() => {
  repo = createTempRepo({
    "notes.txt": `${TEN_LINES}\n`,
    ".env": "API_TOKEN=abc\n",
    "empty.txt": "",
  });
});
afterEach(() => repo.remove());

const read = (args: unknown, caps: Omit<ReadFileOptions, "guard"> = {}) =>
  callTool(
    createReadFileTool({
      guard: createWorkspaceGuard({ root: repo.root, protectedPaths: [] }),
      ...caps,
    }),
    args,
  );

describe("read_file", () => {
  it("shows a whole file with its line range", async () => {
    await expect(read({ path: "notes.txt" })).resolves.toEqual({
      content: `notes.txt (lines 1-10 of 10)\n${TEN_LINES}`,
    });
  });

  it("shows a range of lines", async () => {
    await expect(read({ path: "notes.txt", start_line: 3, end_line: 4 })).resolves.toEqual({
      content: "notes.txt (lines 3-4 of 10)\nline 3\nline 4",
    });
  });

  it("cuts a long answer and says where to read on", async () => {
    const { content } = await read({ path: "notes.txt" }, { maxLines: 4 });
    expect(content).toBe(
      "notes.txt (lines 1-4 of 10)\nline 1\nline 2\nline 3\nline 4\n[cut at line 4; read on with start_line 5]",
    );
  });

  it("cuts by characters too, clipping a single huge line", async () => {
    writeFileSync(join(repo.root, "min.js"), `${"x".repeat(500)}\nshort\n`);
    const { content } = await read({ path: "min.js" }, { maxChars: 100 });
    expect(content).toBe(
      `min.js (lines 1-1 of 2)\n${"x".repeat(100)}[… line clipped]\n[cut at line 1; read on with start_line 2]`,
    );
  });

  it.each([
    [
      { path: "notes.txt", start_line: 11 },
      "notes.txt has 10 lines; start_line 11 is past the end.",
    ],
    [{ path: "notes.txt", start_line: 5, end_line: 2 }, "end_line 2 is before start_line 5."],
    [{ path: "missing.txt" }, '"missing.txt" does not exist; list_files shows what does.'],
    [{ path: "." }, '"." is not a file; use list_files.'],
  ])("answers %j with an error", async (args, message) => {
    await expect(read(args)).resolves.toEqual({ content: message, isError: true });
  });

  it("describes a binary file instead of showing it", async () => {
    writeFileSync(join(repo.root, "logo.png"), Buffer.from([0x89, 0x50, 0x4e, 0x47, 0, 1, 2]));
    await expect(read({ path: "logo.png" })).resolves.toEqual({
      content: '"logo.png" is a binary file of 7 bytes; not shown.',
    });
  });

  it("refuses a file over the size cap and suggests search", async () => {
    const output = await read({ path: "notes.txt" }, { maxFileBytes: 10 });
    expect(output).toMatchObject({ isError: true, content: expect.stringContaining("use search") });
  });

  it("says a file is empty", async () => {
    await expect(read({ path: "empty.txt" })).resolves.toEqual({ content: "empty.txt is empty." });
  });

  it("refuses .env and paths outside the workspace", async () => {
    for (const path of [".env", "../../etc/passwd", "/etc/passwd"]) {
      await expect(read({ path })).resolves.toMatchObject({
        isError: true,
        content: expect.stringMatching(/^Refused: /),
      });
    }
  });

  it("answers arguments of the wrong shape with what is wrong", async () => {
    const output = await read({ path: "notes.txt", start_line: 0 });
    expect(output.isError).toBe(true);
    expect(output.content).toContain("Invalid arguments for read_file");
    expect(output.content).toContain("start_line");
  });
});
