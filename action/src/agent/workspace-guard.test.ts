import { mkdirSync, mkdtempSync, realpathSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTempRepo, type TempRepo } from "./testing/create-temp-repo.js";
import { createWorkspaceGuard, type WorkspaceGuard } from "./workspace-guard.js";

let repo: TempRepo;
let outside: string;
let guard: WorkspaceGuard;

// One workspace for all: each test makes links under its own names.
beforeAll(() => {
  repo = createTempRepo({
    "src/index.ts": "export {};\n",
    ".github/workflows/ci.yml": "on: push\n",
    ".env": "TOKEN=x\n",
    ".env.example": "TOKEN=\n",
    "secrets/prod.json": "{}\n",
  });
  outside = realpathSync(mkdtempSync(join(tmpdir(), "qp-outside-")));
  writeFileSync(join(outside, "passwd"), "root:x:0:0\n");
  guard = createWorkspaceGuard({ root: repo.root, protectedPaths: ["secrets/**"] });
});
afterAll(() => {
  repo.remove();
  rmSync(outside, { recursive: true, force: true });
});

const link = (target: string, path: string) => symlinkSync(target, join(repo.root, path));

describe("the workspace guard", () => {
  it("resolves a plain path to its real absolute path, tidying ./ and //", () => {
    expect(guard.resolveForRead("./src//index.ts")).toEqual({
      ok: true,
      relative: "src/index.ts",
      absolute: join(repo.root, "src", "index.ts"),
      entry: join(repo.root, "src", "index.ts"),
    });
  });

  it("resolves a file that does not exist yet where a write would create it", () => {
    expect(guard.resolveForWrite("src/new/deep.ts")).toMatchObject({
      ok: true,
      absolute: join(repo.root, "src", "new", "deep.ts"),
    });
  });

  it.each([["../outside.txt"], ["src/../../outside.txt"], ["src/../index.ts"], [".."]])(
    "refuses the .. path %s",
    (path) => {
      for (const resolve of [guard.resolveForRead, guard.resolveForWrite]) {
        const refusal = resolve(path);
        expect(refusal).toMatchObject({ ok: false, code: "outside_workspace" });
        expect(refusal.ok || refusal.message).toContain('".." segment');
      }
    },
  );

  it.each([["/etc/passwd"], ["C:\\Windows\\win.ini"], ["~/.ssh/id_rsa"], ["\\\\server\\share"]])(
    "refuses the absolute path %s",
    (path) => {
      expect(guard.resolveForRead(path)).toMatchObject({
        ok: false,
        code: "invalid_path",
        message: expect.stringContaining("relative to the workspace root"),
      });
    },
  );

  it("refuses a NUL character, which C APIs would cut the path at", () => {
    expect(guard.resolveForWrite("src/a.ts\u0000.png")).toMatchObject({
      ok: false,
      code: "invalid_path",
      message: expect.stringContaining("NUL"),
    });
  });

  it("refuses a symlink pointing out of the workspace, for reading and writing", () => {
    link(outside, "escape");
    link(join(outside, "passwd"), "passwd");
    for (const path of ["escape/passwd", "escape/new.txt", "passwd"]) {
      expect(guard.resolveForRead(path)).toMatchObject({ ok: false, code: "outside_workspace" });
      expect(guard.resolveForWrite(path)).toMatchObject({ ok: false, code: "outside_workspace" });
    }
  });

  it("refuses a relative symlink that climbs out, and a dangling one a write would create", () => {
    link("../../../../../../../../etc", "etc");
    link(join(outside, "not-yet"), "dangling");
    expect(guard.resolveForRead("etc/hostname")).toMatchObject({ code: "outside_workspace" });
    expect(guard.resolveForWrite("dangling")).toMatchObject({
      ok: false,
      message: expect.stringContaining("does not exist or loops"),
    });
  });

  it("refuses a link inside the workspace whose own directory lies outside it", () => {
    symlinkSync(join(repo.root, "src", "index.ts"), join(outside, "back-in"));
    link(outside, "out");
    expect(guard.resolveForWrite("out/back-in")).toMatchObject({ code: "outside_workspace" });
  });

  it("follows symlinks that stay inside, and checks where they land", () => {
    link("src", "source");
    link(".github/workflows/ci.yml", "ci-link.yml");
    link(".env", "settings");
    expect(guard.resolveForRead("source/index.ts")).toMatchObject({
      ok: true,
      absolute: join(repo.root, "src", "index.ts"),
    });
    expect(guard.resolveForWrite("ci-link.yml")).toMatchObject({ code: "protected_path" });
    expect(guard.resolveForRead("settings")).toMatchObject({ code: "secret_file" });
  });

  it.each([
    [".github/workflows/x.yml"],
    [".github/workflows/ci.yml"],
    [".GitHub/Workflows/x.yml"],
    [".github"],
    [".github/quantapilot.yml"],
    [".github/quantapilot/prompts/developer.md"],
    ["secrets/prod.json"],
  ])("refuses to write the protected path %s", (path) => {
    const refusal = guard.resolveForWrite(path);
    expect(refusal).toMatchObject({ ok: false, code: "protected_path" });
    expect(guard.resolveForRead(path).ok).toBe(true);
  });

  it.each([[".git/config"], [".git/hooks/pre-commit"], [".GIT/config"], ["src/.git/x"]])(
    "refuses to read or write %s inside .git",
    (path) => {
      for (const resolve of [guard.resolveForRead, guard.resolveForWrite]) {
        expect(resolve(path)).toMatchObject({
          ok: false,
          code: "invalid_path",
          message: expect.stringContaining(".git"),
        });
      }
    },
  );

  it.each([
    [".env"],
    ["config/.env.production"],
    ["deploy/server.pem"],
    ["deploy/tls.key"],
    ["home/.ssh/id_ed25519"],
    ["id_rsa"],
    [".npmrc"],
    ["packages/a/.npmrc"],
    [".netrc"],
    [".git-credentials"],
    [".aws/credentials"],
  ])("refuses to read the secret file %s", (path) => {
    expect(guard.resolveForRead(path)).toMatchObject({
      ok: false,
      code: "secret_file",
      message: expect.stringContaining("holds secrets"),
    });
  });

  it.each([[".env.example"], ["id_rsa.pub"], ["src/env.ts"], ["docs/keys.md"]])(
    "reads %s, which only looks like a secret file",
    (path) => {
      expect(guard.resolveForRead(path).ok).toBe(true);
    },
  );

  it("adds the caller's secret globs to the defaults", () => {
    const custom = createWorkspaceGuard({
      root: repo.root,
      protectedPaths: [],
      secretFileGlobs: ["**/*.tfvars"],
    });
    expect(custom.resolveForRead("infra/prod.tfvars")).toMatchObject({ code: "secret_file" });
    expect(custom.resolveForRead(".env")).toMatchObject({ code: "secret_file" });
  });

  it("keeps the always-protected paths even when the config lists none", () => {
    const bare = createWorkspaceGuard({ root: repo.root, protectedPaths: [] });
    expect(bare.resolveForWrite(".github/workflows/x.yml")).toMatchObject({
      code: "protected_path",
    });
  });

  it("lets the root be read (listed) but not written", () => {
    expect(guard.resolveForRead("")).toMatchObject({ ok: true, relative: "", absolute: repo.root });
    expect(guard.resolveForRead(".")).toMatchObject({ ok: true, relative: "" });
    expect(guard.resolveForWrite("")).toMatchObject({ ok: false, code: "protected_path" });
  });

  it("resolves a root given through a symlink to its real path", () => {
    const alias = join(outside, "alias");
    symlinkSync(repo.root, alias);
    mkdirSync(join(repo.root, "lib"));
    const aliased = createWorkspaceGuard({ root: alias, protectedPaths: [] });
    expect(aliased.root).toBe(repo.root);
    expect(aliased.resolveForWrite("lib/a.ts")).toMatchObject({
      ok: true,
      absolute: join(repo.root, "lib", "a.ts"),
    });
  });
});
