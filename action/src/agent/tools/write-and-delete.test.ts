import { existsSync, readFileSync, symlinkSync } from "node:fs";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { callTool } from "../testing/call-tool.js";
import { createTempRepo, type TempRepo } from "../testing/create-temp-repo.js";
import { createWorkspaceGuard, type WorkspaceGuard } from "../workspace-guard.js";
import { createDeleteFileTool } from "./delete-file.js";
import { createWriteFileTool } from "./write-file.js";

let repo: TempRepo;
let guard: WorkspaceGuard;
beforeEach(() => {
  repo = createTempRepo({ "src/a.ts": "a\n", ".github/workflows/ci.yml": "on: push\n" });
  guard = createWorkspaceGuard({ root: repo.root, protectedPaths: [] });
});
afterEach(() => repo.remove());

const contentOf = (path: string) => readFileSync(join(repo.root, path), "utf8");
const write = (args: unknown) => callTool(createWriteFileTool({ guard, maxFileBytes: 100 }), args);
const remove = (args: unknown) => callTool(createDeleteFileTool({ guard }), args);

describe("write_file", () => {
  it("creates a file and its directories", async () => {
    await expect(write({ path: "src/lib/b.ts", content: "one\ntwo\n" })).resolves.toEqual({
      content: "Created src/lib/b.ts (2 lines, 8 bytes).",
    });
    expect(contentOf("src/lib/b.ts")).toBe("one\ntwo\n");
  });

  it("replaces an existing file", async () => {
    await expect(write({ path: "src/a.ts", content: "b" })).resolves.toEqual({
      content: "Replaced src/a.ts (1 lines, 1 bytes).",
    });
    expect(contentOf("src/a.ts")).toBe("b");
  });

  it.each([[".github/workflows/x.yml"], [".git/config"], ["../outside.txt"], ["/tmp/x"]])(
    "refuses to write %s and leaves the disk alone",
    async (path) => {
      const output = await write({ path, content: "pwned" });
      expect(output).toMatchObject({ isError: true, content: expect.stringMatching(/^Refused: /) });
      expect(contentOf(".github/workflows/ci.yml")).toBe("on: push\n");
    },
  );

  it("refuses content over the per-file limit", async () => {
    await expect(write({ path: "big.txt", content: "x".repeat(101) })).resolves.toEqual({
      content: "The content is 101 bytes; files may be at most 100.",
      isError: true,
    });
  });
});

describe("delete_file", () => {
  it("deletes a file", async () => {
    await expect(remove({ path: "src/a.ts" })).resolves.toEqual({ content: "Deleted src/a.ts." });
    expect(existsSync(join(repo.root, "src/a.ts"))).toBe(false);
  });

  it("deletes a symlink itself, never what it points to", async () => {
    symlinkSync("src/a.ts", join(repo.root, "link.ts"));
    await expect(remove({ path: "link.ts" })).resolves.toEqual({ content: "Deleted link.ts." });
    expect(contentOf("src/a.ts")).toBe("a\n");
  });

  it("refuses directories, missing files and protected paths", async () => {
    await expect(remove({ path: "src" })).resolves.toMatchObject({ isError: true });
    await expect(remove({ path: "nope.txt" })).resolves.toMatchObject({ isError: true });
    await expect(remove({ path: ".github/workflows/ci.yml" })).resolves.toMatchObject({
      isError: true,
      content: expect.stringContaining("protected"),
    });
    expect(existsSync(join(repo.root, ".github/workflows/ci.yml"))).toBe(true);
  });
});
