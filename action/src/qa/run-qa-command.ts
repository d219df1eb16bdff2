import { type ChildProcess, spawn } from "node:child_process";
import { isolateCommand } from "../agent/isolate-command.js";

/** One command the test stage runs: argv without a shell, or a config line run by `sh -c`. */
export interface QaCommand {
  /** How reports and reasons name it, e.g. `vitest run`. */
  label: string;
  argv: readonly string[];
}

/** How a QA command ended. stdout is kept apart: it often is the machine-readable report. */
export interface QaRun {
  label: string;
  exitCode: number | null;
  stdout: string;
  /** The last few kilobytes of stderr, for reasons. */
  stderrTail: string;
  /** Why it did not run to its end: not startable, timed out, aborted. */
  problem?: string;
}

/** Where and how long QA commands run. */
export interface QaRunOptions {
  dir: string;
  env: Readonly<Record<string, string>>;
  timeoutMs: number;
  signal: AbortSignal;
  /** A prefix that runs each command isolated from this process (`findIsolationPrefix`); none: run as is. */
  isolation?: readonly string[] | null;
}

// A report on stdout larger than this is not a report we can use anyway.
const MAX_STDOUT = 32 * 1024 * 1024;
const STDERR_TAIL = 4_000;
const GRACE_MS = 2_000;

/** A command line from the config, run by a shell: the config is reviewed like code. */
export function shellCommand(line: string): QaCommand {
  return { label: line, argv: ["/bin/sh", "-c", line] };
}

/**
 * Runs `command` in its own process group with stdin closed. On timeout or
 * abort the whole group gets SIGTERM, then SIGKILL, so a test runner's
 * workers die with it; its exit also kills what it left behind. Never
 * throws: a command that cannot start comes back with `problem` set.
 */
export function runQaCommand(command: QaCommand, options: QaRunOptions): Promise<QaRun> {
  const [first = "", ...rest] = command.argv;
  const { file, args } = isolateCommand({ file: first, args: rest }, options.isolation ?? null);
  const child = spawn(file, args, {
    cwd: options.dir,
    env: options.env,
    detached: true,
    stdio: ["ignore", "pipe", "pipe"],
  });
  const out: Buffer[] = [];
  let outBytes = 0;
  let err = "";
  child.stdout?.on("data", (chunk: Buffer) => {
    if (outBytes < MAX_STDOUT) out.push(chunk);
    outBytes += chunk.length;
  });
  child.stderr?.on("data", (chunk: Buffer) => {
    err = (err + chunk.toString("utf8")).slice(-STDERR_TAIL);
  });
  const stop = armStop(child, command.label, options);
  return new Promise((resolve) => {
    const finish = (exitCode: number | null, startError?: string) => {
      stop.disarm();
      const problem = startError ?? stop.problem();
      const stdout = Buffer.concat(out).toString("utf8");
      resolve({
        label: command.label,
        exitCode,
        stdout,
        stderrTail: err,
        ...(problem && { problem }),
      });
    };
    child.once("error", (error: NodeJS.ErrnoException) =>
      finish(null, describeStartError(command, error)),
    );
    child.once("exit", (code) => {
      killGroup(child, "SIGKILL");
      // Grandchildren that left the group may hold the pipes open forever.
      const late = setTimeout(() => finish(code), GRACE_MS);
      late.unref();
      child.once("close", () => {
        clearTimeout(late);
        finish(code);
      });
    });
  });
}

function describeStartError(command: QaCommand, error: NodeJS.ErrnoException): string {
  if (error.code === "ENOENT") {
    return `\`${command.argv[0]}\` is not installed on the runner (needed for \`${command.label}\`)`;
  }
  return `\`${command.label}\` could not start: ${error.message}`;
}

function armStop(child: ChildProcess, label: string, options: QaRunOptions) {
  let problem: string | undefined;
  const stop = (why: string) => {
    problem ??= why;
    killGroup(child, "SIGTERM");
    setTimeout(() => killGroup(child, "SIGKILL"), GRACE_MS).unref();
  };
  const seconds = Math.round(options.timeoutMs / 100) / 10;
  const timer = setTimeout(
    () => stop(`\`${label}\` did not finish within its ${seconds} s timeout and was stopped`),
    options.timeoutMs,
  );
  const onAbort = () => stop(`\`${label}\` was stopped: the stage run was aborted`);
  options.signal.addEventListener("abort", onAbort, { once: true });
  if (options.signal.aborted) onAbort();
  return {
    problem: () => problem,
    disarm: () => {
      clearTimeout(timer);
      options.signal.removeEventListener("abort", onAbort);
    },
  };
}

function killGroup(child: ChildProcess, signal: NodeJS.Signals): void {
  if (child.pid === undefined) return;
  try {
    process.kill(-child.pid, signal);
  } catch {
    // ESRCH: the group is gone already.
  }
}
