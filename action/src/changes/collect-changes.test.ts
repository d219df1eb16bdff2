import {
  chmodSync,
  existsSync,
  mkdirSync,
  readFileSync,
  renameSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from "node:fs";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { stageResultSchema } from "../../../contract/stage-result.js";
import { createTempRepo, type TempRepo } from "../agent/testing/create-temp-repo.js";
import { BaseCommitError, collectChanges } from "./collect-changes.js";

let repo: TempRepo;
let base: string;

beforeEach(() => {
  repo = createTempRepo({
    "README.md": "# demo\n",
    "src/app.ts": "export const a = 1;\n",
    "src/old-name.ts": "export const moved = true;\n",
    "scripts/build.sh": "#!/bin/sh\necho build\n",
    ".gitignore": "dist/\n*.log\n",
  });
  base = repo.git("rev-parse", "HEAD").trim();
});
afterEach(() => repo.remove());

const collect = () => collectChanges({ dir: repo.root, baseSha: base, protectedPaths: [] });
const at = (path: string) => join(repo.root, path);

describe("collectChanges: what changed", () => {
  it("finds nothing in a clean checkout", async () => {
    expect(await collect()).toEqual({ changes: [], refusals: [], files: [] });
  });

  it("collects added, modified and deleted files, tracked or not, leaving ignored ones out", async () => {
    repo.write({
      "src/app.ts": "export const a = 2;\n",
      "src/new.ts": "new\n",
      "dist/out.js": "x",
      "debug.log": "x",
    });
    rmSync(at("README.md"));
    const { changes, refusals, files } = await collect();
    expect(refusals).toEqual([]);
    expect(changes).toEqual([
      { path: "README.md", action: "delete" },
      {
        path: "src/app.ts",
        action: "upsert",
        mode: "100644",
        encoding: "utf8",
        content: "export const a = 2;\n",
      },
      { path: "src/new.ts", action: "upsert", mode: "100644", encoding: "utf8", content: "new\n" },
    ]);
    expect(files.map((f) => [f.path, f.status, f.bytes])).toEqual([
      ["README.md", "deleted", 0],
      ["src/app.ts", "modified", 20],
      ["src/new.ts", "added", 4],
    ]);
  });

  it("keeps the executable bit, for a new file and as a mode-only change", async () => {
    repo.write({ "scripts/new.sh": "#!/bin/sh\n" });
    chmodSync(at("scripts/new.sh"), 0o755);
    chmodSync(at("scripts/build.sh"), 0o755);
    const { changes } = await collect();
    expect(changes).toEqual([
      {
        path: "scripts/build.sh",
        action: "upsert",
        mode: "100755",
        encoding: "utf8",
        content: "#!/bin/sh\necho build\n",
      },
      {
        path: "scripts/new.sh",
        action: "upsert",
        mode: "100755",
        encoding: "utf8",
        content: "#!/bin/sh\n",
      },
    ]);
  });

  it("sends binary content and invalid UTF-8 as base64, byte for byte; a BOM stays in text", async () => {
    const png = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0x00, 0xff]);
    writeFileSync(at("logo.png"), png);
    writeFileSync(at("latin1.txt"), Buffer.from([0x63, 0x61, 0x66, 0xe9]));
    writeFileSync(at("bom.txt"), "\ufeffhello\r\n");
    const { changes } = await collect();
    expect(changes).toEqual([
      {
        path: "bom.txt",
        action: "upsert",
        mode: "100644",
        encoding: "utf8",
        content: "\ufeffhello\r\n",
      },
      {
        path: "latin1.txt",
        action: "upsert",
        mode: "100644",
        encoding: "base64",
        content: "Y2Fm6Q==",
      },
      {
        path: "logo.png",
        action: "upsert",
        mode: "100644",
        encoding: "base64",
        content: png.toString("base64"),
      },
    ]);
  });

  it("sends a symlink inside the workspace as mode 120000 with its target, also when a file became one", async () => {
    symlinkSync("src/app.ts", at("app-link"));
    rmSync(at("README.md"));
    symlinkSync("src/app.ts", at("README.md"));
    const { changes, refusals } = await collect();
    expect(refusals).toEqual([]);
    expect(changes).toEqual([
      {
        path: "README.md",
        action: "upsert",
        mode: "120000",
        encoding: "utf8",
        content: "src/app.ts",
      },
      {
        path: "app-link",
        action: "upsert",
        mode: "120000",
        encoding: "utf8",
        content: "src/app.ts",
      },
    ]);
  });

  it("sends a rename as a deletion and an addition", async () => {
    renameSync(at("src/old-name.ts"), at("src/new-name.ts"));
    const { changes } = await collect();
    expect(changes).toEqual([
      {
        path: "src/new-name.ts",
        action: "upsert",
        mode: "100644",
        encoding: "utf8",
        content: "export const moved = true;\n",
      },
      { path: "src/old-name.ts", action: "delete" },
    ]);
  });

  it("compares with the base, not HEAD: commits made after the base count too", async () => {
    repo.write({ "src/app.ts": "committed\n" });
    repo.git("commit", "--quiet", "--all", "--message", "later");
    repo.write({ "src/later.ts": "uncommitted\n" });
    const { changes } = await collect();
    expect(changes.map((c) => c.path)).toEqual(["src/app.ts", "src/later.ts"]);
  });

  it("leaves the checkout's index, HEAD and status exactly as they were", async () => {
    repo.write({ "src/app.ts": "changed\n", "staged.txt": "staged\n" });
    repo.git("add", "staged.txt");
    const before = [
      readFileSync(at(".git/index")),
      repo.git("status", "--porcelain"),
      repo.git("rev-parse", "HEAD"),
    ];
    await collect();
    const after = [
      readFileSync(at(".git/index")),
      repo.git("status", "--porcelain"),
      repo.git("rev-parse", "HEAD"),
    ];
    expect(after).toEqual(before);
  });

  it("does not take the files a sparse checkout leaves out for deletions", async () => {
    repo.git("sparse-checkout", "set", "src");
    expect(existsSync(at("scripts/build.sh"))).toBe(false);
    rmSync(at("src/app.ts"));
    const { changes } = await collect();
    expect(changes).toEqual([{ path: "src/app.ts", action: "delete" }]);
  });

  it("does not take a skip-worktree file missing from the working tree for a deletion", async () => {
    repo.git("update-index", "--skip-worktree", "scripts/build.sh");
    rmSync(at("scripts/build.sh"));
    expect(await collect()).toEqual({ changes: [], refusals: [], files: [] });
  });

  it("works from a subdirectory of the checkout, with paths from the root", async () => {
    repo.write({ "src/deep/x.ts": "x\n" });
    const { changes } = await collectChanges({ dir: at("src"), baseSha: base, protectedPaths: [] });
    expect(changes.map((c) => c.path)).toEqual(["src/deep/x.ts"]);
  });

  it("produces changes the stage result schema accepts", async () => {
    writeFileSync(at("bin.dat"), Buffer.from([0, 1, 2, 3]));
    repo.write({ "a.txt": "a\n" });
    rmSync(at("README.md"));
    const { changes } = await collect();
    const result = {
      version: 1,
      stage_run_id: 1,
      outcome: "succeeded",
      reason: "done",
      changes,
      commit_message: "x",
      pr: { title: "x", body: "" },
      findings: [],
      usage: [],
      prompt_versions: {},
      transcript_digest: "0".repeat(64),
    };
    expect(stageResultSchema.safeParse(result).success).toBe(true);
  });
});

describe("collectChanges: a base it cannot use", () => {
  it("says the base commit is missing and how to fix it", async () => {
    const missing = "0123456789abcdef0123456789abcdef01234567";
    const error = await collectChanges({
      dir: repo.root,
      baseSha: missing,
      protectedPaths: [],
    }).catch((e) => e);
    expect(error).toBeInstanceOf(BaseCommitError);
    expect(error.message).toContain(`The base commit "${missing}" is not in the checkout`);
    expect(error.message).toContain("base_sha");
  });

  it("refuses a base that names a blob, not a commit", async () => {
    const blob = repo.git("rev-parse", "HEAD:README.md").trim();
    await expect(
      collectChanges({ dir: repo.root, baseSha: blob, protectedPaths: [] }),
    ).rejects.toThrow(BaseCommitError);
  });

  it("says so when the directory is not a git checkout", async () => {
    mkdirSync(at("plain"));
    rmSync(at(".git"), { recursive: true, force: true });
    await expect(
      collectChanges({ dir: at("plain"), baseSha: base, protectedPaths: [] }),
    ).rejects.toThrow(/is not a git checkout/);
  });
});
