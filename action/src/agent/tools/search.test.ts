import { mkdtempSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { callTool } from "../testing/call-tool.js";
import { createTempRepo, type TempRepo } from "../testing/create-temp-repo.js";
import { createWorkspaceGuard } from "../workspace-guard.js";
import { createSearchTool } from "./search.js";

let repo: TempRepo;
beforeEach(() => {
  repo = createTempRepo({
    "src/a.ts": "const TODO = 1;\n// todo: later\n",
    "src/deep/b.ts": "export function todo() {}\n",
    "docs/notes.md": "TODO write docs\n",
    ".env": "TODO_TOKEN=should-never-be-searched\n",
  });
  repo.write({ "src/new.ts": "// TODO untracked\n" });
});
afterEach(() => repo.remove());

const search = (args: Record<string, unknown>, timeLimitMs?: number) =>
  callTool(
    createSearchTool({
      guard: createWorkspaceGuard({ root: repo.root, protectedPaths: [] }),
      env: { PATH: process.env.PATH ?? "" },
      ...(timeLimitMs === undefined ? {} : { timeLimitMs }),
    }),
    args,
  );

describe("search", () => {
  it("answers path:line: text for each matching line, untracked files included", async () => {
    await expect(search({ pattern: "TODO" })).resolves.toEqual({
      content:
        "docs/notes.md:1: TODO write docs\nsrc/a.ts:1: const TODO = 1;\nsrc/new.ts:1: // TODO untracked",
    });
  });

  it("narrows by directory, glob and case", async () => {
    const { content } = await search({
      pattern: "todo",
      path: "src",
      glob: "*.ts",
      case_insensitive: true,
    });
    expect(content.split("\n")).toEqual([
      "src/a.ts:1: const TODO = 1;",
      "src/a.ts:2: // todo: later",
      "src/deep/b.ts:1: export function todo() {}",
      "src/new.ts:1: // TODO untracked",
    ]);
    const deep = await search({ pattern: "todo", glob: "src/deep/**" });
    expect(deep.content).toBe("src/deep/b.ts:1: export function todo() {}");
  });

  it("stops at max_results and says more matched", async () => {
    await expect(search({ pattern: "TODO", max_results: 1 })).resolves.toEqual({
      content:
        "docs/notes.md:1: TODO write docs\n[more matches not shown; narrow the pattern, path or glob]",
    });
  });

  it("never searches secret files, binary files or files behind a link leading out", async () => {
    writeFileSync(join(repo.root, "blob.bin"), Buffer.from("TODO_TOKEN\u0000binary"));
    const outside = mkdtempSync(join(tmpdir(), "qp-outside-"));
    writeFileSync(join(outside, "x.txt"), "TODO_TOKEN outside\n");
    symlinkSync(join(outside, "x.txt"), join(repo.root, "linked.txt"));
    try {
      await expect(search({ pattern: "TODO_TOKEN" })).resolves.toEqual({
        content: "No matches in 5 files.",
      });
    } finally {
      rmSync(outside, { recursive: true, force: true });
    }
  });

  it("answers an invalid pattern with the parser's message", async () => {
    await expect(search({ pattern: "(unclosed" })).resolves.toMatchObject({
      isError: true,
      content: expect.stringContaining("Invalid regular expression"),
    });
  });

  it("stops a catastrophically backtracking pattern at the time limit", async () => {
    repo.write({ "evil.txt": `${"a".repeat(40)}!\n` });
    const started = Date.now();
    const output = await search({ pattern: "^(a+)+$" }, 200);
    expect(output).toMatchObject({
      isError: true,
      content: expect.stringContaining("ran past 0.2 s"),
    });
    expect(Date.now() - started).toBeLessThan(5_000);
  });
});
