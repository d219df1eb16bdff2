import { rmSync } from "node:fs";
import { mkdir, mkdtemp, rm, symlink } from "node:fs/promises";
import { join, resolve } from "node:path";
import { build } from "esbuild";

let compiled: Promise<{ dir: string; entry: string }> | undefined;

/**
 * Compiles the app's sources file by file (no bundling, the layout of
 * `dist/`) into a directory of this test process under `.vitest/` (ignored
 * by git; removed when the process exits), with `db/` and `.github/` linked
 * beside them where the server looks for its migrations and the workflow it
 * onboards. Returns the entry to run with plain `node`, as production runs
 * the build: a soak that restarts the app dozens of times should not pay
 * tsx's compile on each start (about three times the CPU of a start).
 * Compiled once per test process.
 */
export async function compileApp(): Promise<string> {
  compiled ??= (async () => {
    await mkdir(".vitest", { recursive: true });
    const out = resolve(await mkdtemp(".vitest/compiled-app-"));
    process.once("exit", () => rmSync(out, { recursive: true, force: true }));
    await build({
      entryPoints: ["app/**/*.ts", "contract/**/*.ts", "prompts/**/*.ts"],
      outdir: out,
      outbase: ".",
      format: "esm",
      platform: "node",
      target: "node20",
      logLevel: "warning",
    });
    await symlink(resolve("db"), join(out, "db"));
    await symlink(resolve(".github"), join(out, ".github"));
    return { dir: out, entry: join(out, "app/server.js") };
  })();
  return (await compiled).entry;
}

/** Removes this process's compiled copy, if any (a soak's `finally`; a test process may be killed before it exits). */
export async function removeCompiledApp(): Promise<void> {
  const done = await compiled?.catch(() => undefined);
  compiled = undefined;
  if (done) await rm(done.dir, { recursive: true, force: true });
}
