import { type ChildProcess, spawn } from "node:child_process";
import { isolateCommand } from "../isolate-command.js";
import { type CapturedOutput, createOutputCapture } from "./capture-output.js";

/** How a command runs. */
export interface SpawnOptions {
  cwd: string;
  env: Readonly<Record<string, string>>;
  timeoutMs: number;
  /** Aborts the command, e.g. when the stage run's wall clock runs out. */
  signal: AbortSignal;
  /** Bytes kept at each end of the output. */
  captureBytes: number;
  /** A prefix that runs each command isolated from this process (`findIsolationPrefix`); none: run as is. */
  isolation?: readonly string[] | null;
}

/** How a command ended. */
export interface SpawnOutcome {
  exitCode: number | null;
  /** Set when it was stopped: by its time limit, or by the signal. */
  stopped?: "timeout" | "aborted";
  /** Set when it could not start (e.g. not found on PATH). */
  startError?: string;
  output: CapturedOutput;
  durationMs: number;
}

// Time a stopped command gets between SIGTERM and SIGKILL, and that stray
// output pipes get to close after the command exits.
const GRACE_MS = 2_000;

/**
 * Runs `argv` without a shell, stdin closed, stdout and stderr captured
 * together in order. The command leads its own process group, so a timeout
 * or abort kills everything it started (npm → node → workers), and so does
 * its exit: nothing it left in the background outlives the call.
 */
export async function spawnCommand(
  argv: readonly string[],
  options: SpawnOptions,
): Promise<SpawnOutcome> {
  const started = performance.now();
  const capture = createOutputCapture(options.captureBytes);
  const [first = "", ...rest] = argv;
  const { file, args } = isolateCommand({ file: first, args: rest }, options.isolation ?? null);
  const child = spawn(file, args, {
    cwd: options.cwd,
    env: options.env,
    shell: false,
    detached: true,
    stdio: ["ignore", "pipe", "pipe"],
  });
  child.stdout?.on("data", capture.push);
  child.stderr?.on("data", capture.push);
  const stops = armStops(child, options);
  const ended = await waitForEnd(child);
  stops.disarm();
  const stopped = stops.reason();
  const durationMs = performance.now() - started;
  return { ...ended, ...(stopped ? { stopped } : {}), output: capture.result(), durationMs };
}

type StopReason = "timeout" | "aborted";

// SIGTERM first so test runners can clean up, SIGKILL if they do not stop.
function armStops(child: ChildProcess, options: SpawnOptions) {
  let reason: StopReason | undefined;
  const stop = (why: StopReason) => {
    reason ??= why;
    killGroup(child, "SIGTERM");
    setTimeout(() => killGroup(child, "SIGKILL"), GRACE_MS).unref();
  };
  const timer = setTimeout(() => stop("timeout"), options.timeoutMs);
  const onAbort = () => stop("aborted");
  options.signal.addEventListener("abort", onAbort, { once: true });
  if (options.signal.aborted) onAbort();
  const disarm = () => {
    clearTimeout(timer);
    options.signal.removeEventListener("abort", onAbort);
  };
  return { reason: () => reason, disarm };
}

// Ends when the pipes close, or GRACE_MS after the exit: a grandchild that
// left the group may hold them open forever. A failed start ends at once.
function waitForEnd(child: ChildProcess): Promise<Pick<SpawnOutcome, "exitCode" | "startError">> {
  return new Promise((resolve) => {
    let exitCode: number | null = null;
    child.once("error", (error) => resolve({ exitCode, startError: error.message }));
    child.once("exit", (code) => {
      exitCode = code;
      killGroup(child, "SIGKILL");
      setTimeout(() => resolve({ exitCode }), GRACE_MS).unref();
    });
    child.once("close", () => resolve({ exitCode }));
  });
}

function killGroup(child: ChildProcess, signal: NodeJS.Signals): void {
  if (child.pid === undefined) return;
  try {
    process.kill(-child.pid, signal);
  } catch {
    // ESRCH: the group is gone already.
  }
}
