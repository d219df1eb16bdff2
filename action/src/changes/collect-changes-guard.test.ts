import { execFileSync } from "node:child_process";
import { existsSync, mkdirSync, symlinkSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { createTempRepo, type TempRepo } from "../agent/testing/create-temp-repo.js";
import { type CollectChangesOptions, collectChanges } from "./collect-changes.js";

let repo: TempRepo;
let base: string;

beforeEach(() => {
  repo = createTempRepo({ "README.md": "# demo\n", ".github/workflows/ci.yml": "on: push\n" });
  base = repo.git("rev-parse", "HEAD").trim();
});
afterEach(() => repo.remove());

const collect = (options: Partial<CollectChangesOptions> = {}) =>
  collectChanges({ dir: repo.root, baseSha: base, protectedPaths: [], ...options });
const at = (path: string) => join(repo.root, path);
// Built at run time so this file holds no secret-shaped literal.
const openAiKey = `sk-proj-${"A1b2C3d4".repeat(4)}`;

describe("collectChanges refuses what the app would refuse", () => {
  it("a workflow written by a command: protected, and nothing is sent", async () => {
    execFileSync("sh", ["-c", "printf 'on: push\\njobs: {}\\n' > .github/workflows/x.yml"], {
      cwd: repo.root,
    });
    repo.write({ "src/ok.ts": "fine\n" });
    const { changes, refusals, files } = await collect();
    expect(changes).toEqual([]);
    expect(refusals).toEqual([
      {
        path: ".github/workflows/x.yml",
        rule: "protected_path",
        reason: expect.stringContaining('is protected by ".github/workflows/**"'),
      },
    ]);
    expect(files.map((f) => f.path)).toEqual([".github/workflows/x.yml", "src/ok.ts"]);
  });

  it("deleting a workflow, and the config's own protected paths", async () => {
    repo.write({ "infra/main.tf": "x\n" });
    execFileSync("rm", [".github/workflows/ci.yml"], { cwd: repo.root });
    const { refusals } = await collect({ protectedPaths: ["infra/**"] });
    expect(refusals.map((r) => [r.path, r.rule])).toEqual([
      [".github/workflows/ci.yml", "protected_path"],
      ["infra/main.tf", "protected_path"],
    ]);
  });

  it("a .env with an API key: a secret file, and a secret in its content, never the value", async () => {
    repo.write({
      ".env": `OPENAI_API_KEY=${openAiKey}\n`,
      "src/config.ts": `export const key = "${openAiKey}";\n`,
    });
    const { changes, refusals } = await collect();
    expect(changes).toEqual([]);
    expect(refusals.map((r) => [r.path, r.rule])).toEqual([
      [".env", "secret_file"],
      [".env", "secret"],
      ["src/config.ts", "secret"],
    ]);
    expect(refusals[2]?.reason).toContain("an OpenAI API key (sk-…, sk-proj-) at line 1");
    expect(JSON.stringify(refusals)).not.toContain(openAiKey);
  });

  it("a template like .env.example is fine; a key in a file name is not", async () => {
    repo.write({ ".env.example": "OPENAI_API_KEY=\n" });
    expect(await collect()).toMatchObject({ refusals: [] });
    repo.write({ [`notes-${openAiKey}.txt`]: "x\n" });
    const collected = await collect();
    const masked = `notes-${"*".repeat(openAiKey.length)}.txt`;
    expect(collected.refusals).toEqual([
      {
        path: masked,
        rule: "secret",
        reason: `The file name "${masked}" contains what looks like an OpenAI API key (sk-…, sk-proj-).`,
      },
    ]);
    expect(JSON.stringify(collected)).not.toContain(openAiKey);
  });

  it("symlinks out of the workspace, absolute or climbing, and into .git", async () => {
    symlinkSync("/etc/passwd", at("abs"));
    symlinkSync("../../outside", at("up"));
    symlinkSync(".git/config", at("gitconfig"));
    const { changes, refusals } = await collect();
    expect(changes).toEqual([]);
    expect(refusals.map((r) => [r.path, r.rule])).toEqual([
      ["abs", "symlink_escape"],
      ["gitconfig", "symlink_escape"],
      ["up", "symlink_escape"],
    ]);
  });

  it("a symlink that lands on a protected path", async () => {
    symlinkSync(".github/workflows/ci.yml", at("ci-link"));
    const { refusals } = await collect();
    expect(refusals).toMatchObject([{ path: "ci-link", rule: "protected_path" }]);
  });

  it("a nested git repository (submodule-like) cannot travel as files", async () => {
    mkdirSync(at("vendor/lib"), { recursive: true });
    execFileSync("git", ["init", "--quiet"], { cwd: at("vendor/lib") });
    writeFileSync(at("vendor/lib/a.txt"), "a\n");
    execFileSync("git", ["-c", "user.name=T", "-c", "user.email=t@e", "add", "."], {
      cwd: at("vendor/lib"),
    });
    execFileSync("git", ["-c", "user.name=T", "-c", "user.email=t@e", "commit", "-qm", "x"], {
      cwd: at("vendor/lib"),
    });
    const { refusals } = await collect();
    expect(refusals).toMatchObject([{ path: "vendor/lib", rule: "unsupported_entry" }]);
  });

  it("a file name with a line break, which could forge a line in the check run", async () => {
    repo.write({ "evil\n| Cost | $0 |.md": "x\n" });
    const { changes, refusals } = await collect();
    expect(changes).toEqual([]);
    expect(refusals).toMatchObject([{ path: "evil\n| Cost | $0 |.md", rule: "unsafe_path" }]);
  });

  it("a file name that is not UTF-8", async () => {
    writeFileSync(Buffer.from([...Buffer.from(`${repo.root}/caf`), 0xe9]), "x\n");
    const { refusals } = await collect();
    expect(refusals).toMatchObject([
      { rule: "unsupported_entry", reason: expect.stringContaining("not a valid UTF-8") },
    ]);
  });
});

describe("collectChanges enforces the result limits", () => {
  it("a file over max_file_bytes, named with its size", async () => {
    repo.write({ "big.bin": "x".repeat(2_001), "small.txt": "ok\n" });
    const { changes, refusals } = await collect({ maxFileBytes: 2_000, maxTotalBytes: 10_000 });
    expect(changes).toEqual([]);
    expect(refusals).toEqual([
      {
        path: "big.bin",
        rule: "file_too_large",
        reason: '"big.bin" is 2001 bytes; limits.result.max_file_bytes allows 2000.',
      },
    ]);
  });

  it("more files than max_files, deletions included", async () => {
    repo.write({ "a.txt": "a", "b.txt": "b" });
    execFileSync("rm", ["README.md"], { cwd: repo.root });
    const { refusals } = await collect({ maxFiles: 2 });
    expect(refusals).toEqual([
      {
        path: "",
        rule: "too_many_files",
        reason: "The result changes 3 files; limits.result.max_files allows 2.",
      },
    ]);
  });

  it("a total over max_total_bytes is refused from sizes, paths still checked", async () => {
    repo.write({
      "a.txt": "a".repeat(600),
      "b.txt": "b".repeat(600),
      ".github/workflows/y.yml": "y",
    });
    const { refusals } = await collect({ maxFileBytes: 1_000, maxTotalBytes: 1_000 });
    expect(refusals.map((r) => [r.path, r.rule])).toEqual([
      ["", "total_too_large"],
      [".github/workflows/y.yml", "protected_path"],
    ]);
  });

  it("the defaults are the config's: a 1,000,001-byte file is too large", async () => {
    repo.write({ "huge.txt": "h".repeat(1_000_001) });
    const { refusals } = await collect();
    expect(refusals).toMatchObject([{ path: "huge.txt", rule: "file_too_large" }]);
  });
});

describe("collectChanges runs nothing the checkout configures", () => {
  it("ignores a core.fsmonitor hook planted in .git/config", async () => {
    repo.git("config", "core.fsmonitor", `touch ${at("pwned")}`);
    repo.write({ "a.txt": "a\n" });
    const { changes } = await collect();
    expect(changes.map((c) => c.path)).toEqual(["a.txt"]);
    expect(existsSync(at("pwned"))).toBe(false);
  });
});
