import { rmSync, symlinkSync } from "node:fs";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { callTool } from "../testing/call-tool.js";
import { createTempRepo, type TempRepo } from "../testing/create-temp-repo.js";
import { createWorkspaceGuard } from "../workspace-guard.js";
import { createListFilesTool } from "./list-files.js";

let repo: TempRepo;
beforeEach(() => {
  repo = createTempRepo({
    ".gitignore": "node_modules/\ndist/\n",
    "README.md": "# Widgets\n",
    "src/a.ts": "export const a = 1;\n",
    "src/b.ts": "export const b = 2;\n",
  });
  repo.write({ "src/new.ts": "new\n", "node_modules/x/index.js": "x\n", "dist/out.js": "out\n" });
});
afterEach(() => repo.remove());

const tool = (maxEntries?: number) =>
  createListFilesTool({
    guard: createWorkspaceGuard({ root: repo.root, protectedPaths: [] }),
    env: { PATH: process.env.PATH ?? "" },
    ...(maxEntries === undefined ? {} : { maxEntries }),
  });

describe("list_files", () => {
  it("lists tracked files and untracked ones that are not ignored", async () => {
    await expect(callTool(tool(), {})).resolves.toEqual({
      content: "5 files:\n.gitignore\nREADME.md\nsrc/a.ts\nsrc/b.ts\nsrc/new.ts",
    });
  });

  it("leaves out tracked files deleted from the disk", async () => {
    rmSync(join(repo.root, "README.md"));
    const { content } = await callTool(tool(), {});
    expect(content).not.toContain("README.md");
  });

  it("lists one directory", async () => {
    await expect(callTool(tool(), { path: "src/" })).resolves.toEqual({
      content: "3 files:\nsrc/a.ts\nsrc/b.ts\nsrc/new.ts",
    });
  });

  it("caps a long listing and says how to narrow it", async () => {
    const { content } = await callTool(tool(2), {});
    expect(content).toBe(
      "5 files; the first 2:\n.gitignore\nREADME.md\n[3 more not shown; pass a directory as path to narrow the list]",
    );
  });

  it("refuses a directory outside the workspace, through .. or a symlink", async () => {
    symlinkSync("/", join(repo.root, "rootfs"));
    for (const path of ["..", "rootfs/etc"]) {
      const output = await callTool(tool(), { path });
      expect(output).toMatchObject({ isError: true, content: expect.stringMatching(/^Refused: /) });
    }
  });

  it("says so when a directory has no files", async () => {
    await expect(callTool(tool(), { path: "docs" })).resolves.toEqual({
      content: 'No files under "docs".',
    });
  });
});
