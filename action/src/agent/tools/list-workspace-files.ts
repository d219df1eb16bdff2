import { execFile } from "node:child_process";
import { promisify } from "node:util";

const run = promisify(execFile);

/** How git is run: where, and with which (scrubbed) environment. */
export interface GitOptions {
  root: string;
  env: Readonly<Record<string, string>>;
}

/**
 * The files of the workspace as git sees them: tracked files still on disk
 * plus untracked ones not ignored, sorted, `/`-separated. Ignored files
 * (node_modules, build output) are left out: they are noise to a model and
 * may hold generated secrets.
 */
export async function listWorkspaceFiles(options: GitOptions): Promise<string[]> {
  const [present, deleted] = await Promise.all([
    gitPaths(options, ["--cached", "--others", "--exclude-standard", "--deduplicate"]),
    gitPaths(options, ["--deleted"]),
  ]);
  const gone = new Set(deleted);
  return present.filter((path) => !gone.has(path)).sort();
}

async function gitPaths(options: GitOptions, flags: readonly string[]): Promise<string[]> {
  const { stdout } = await run("git", ["-c", "core.quotepath=off", "ls-files", "-z", ...flags], {
    cwd: options.root,
    env: options.env,
    maxBuffer: 256 * 1024 * 1024,
    encoding: "utf8",
  });
  return stdout.split("\u0000").filter((path) => path !== "");
}
