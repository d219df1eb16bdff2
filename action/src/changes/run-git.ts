import { spawn } from "node:child_process";

/** How one git invocation runs. */
export interface RunGitOptions {
  /** Extra environment, e.g. `GIT_INDEX_FILE`; the rest is inherited. */
  env?: Record<string, string>;
  /** Written to git's stdin, then closed. */
  input?: string;
}

/** A git command that exited non-zero, with what it printed on stderr. */
export class GitCommandError extends Error {
  constructor(
    readonly args: readonly string[],
    readonly exitCode: number | null,
    readonly stderr: string,
  ) {
    super(`git ${args.join(" ")} failed (exit ${exitCode}): ${stderr.trim() || "no message"}`);
    this.name = "GitCommandError";
  }
}

// A checkout's .git/config could name an fsmonitor hook, which git runs on
// `add`; collecting changes must not execute anything the agent could plant.
const SAFE_CONFIG = ["-c", "core.fsmonitor=false", "-c", "core.untrackedCache=false"];

/**
 * Runs `git <args>` in `dir` and resolves with its stdout as bytes (file
 * names and contents need not be UTF-8); rejects with a GitCommandError.
 */
export function runGit(dir: string, args: readonly string[], options: RunGitOptions = {}) {
  return new Promise<Buffer>((resolve, reject) => {
    const child = spawn("git", [...SAFE_CONFIG, ...args], {
      cwd: dir,
      env: { ...process.env, ...options.env },
      stdio: ["pipe", "pipe", "pipe"],
    });
    const stdout: Buffer[] = [];
    const stderr: Buffer[] = [];
    child.stdout.on("data", (chunk: Buffer) => stdout.push(chunk));
    child.stderr.on("data", (chunk: Buffer) => stderr.push(chunk));
    child.on("error", reject);
    child.on("close", (code) => {
      if (code === 0) return resolve(Buffer.concat(stdout));
      reject(new GitCommandError(args, code, Buffer.concat(stderr).toString("utf8")));
    });
    child.stdin.on("error", () => {}); // git may exit before reading all input; "close" reports it.
    child.stdin.end(options.input ?? "");
  });
}
