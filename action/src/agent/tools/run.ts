import { stat } from "node:fs/promises";
import { z } from "zod";
import type { WorkspaceGuard } from "../workspace-guard.js";
import { type AgentTool, defineTool, type ToolOutput, toolError } from "./define-tool.js";
import { formatCommandOutput } from "./format-command-output.js";
import { findAllowedCommand, parseCommand } from "./parse-command.js";
import { type SpawnOutcome, spawnCommand } from "./spawn-command.js";

/** What `run` needs, and its limits. */
export interface RunOptions {
  guard: WorkspaceGuard;
  /** The config's `allowed_commands`. */
  allowedCommands: readonly string[];
  /** The scrubbed environment (see `scrubEnv`): commands never see keys or tokens. */
  env: Readonly<Record<string, string>>;
  /** Masks secrets before the output is cut, so a cut never exposes part of one. */
  redact: (text: string) => string;
  /** Default 5 minutes; the model may ask for less or up to `maxTimeoutMs`. */
  timeoutMs?: number;
  /** Default 20 minutes. */
  maxTimeoutMs?: number;
  /** Characters of output shown, head and tail together; default 16,000. */
  maxOutputChars?: number;
  /** A prefix that runs each command isolated from this process (`findIsolationPrefix`); none: run as is. */
  isolation?: readonly string[] | null;
}

const args = z.object({
  command: z
    .string()
    .min(1)
    .max(2_000)
    .describe('The command line, e.g. "npm test -- src/a.test.ts".'),
  cwd: z.string().default("").describe("Directory to run in, relative to the workspace root."),
  timeout_seconds: z
    .int()
    .positive()
    .max(3_600)
    .optional()
    .describe("Time limit for this command."),
});

/**
 * `run`: one command from the allow-list (an entry, or an entry with more
 * arguments), without a shell, with a scrubbed environment, a time limit
 * and output cut to its head and tail.
 */
export function createRunTool(options: RunOptions): AgentTool {
  const allowed = options.allowedCommands;
  return defineTool({
    name: "run",
    description: `Run a command in the workspace without a shell: no pipes, redirects, &&, $VARS or globs; put arguments holding spaces or special characters in single quotes. Allowed: ${allowed.length > 0 ? allowed.map((c) => `"${c}"`).join(", ") : "none"}, each optionally with more arguments.`,
    args,
    async run(request, signal) {
      const parsed = parseCommand(request.command);
      if (!parsed.ok) return toolError(`Refused: ${parsed.message}`);
      if (findAllowedCommand(parsed.argv, allowed) === undefined) {
        return toolError(
          `Refused: "${request.command}" is not an allowed command. Allowed (each optionally with more arguments): ${allowed.join("; ") || "none"}. The repository's allowed_commands in .github/quantapilot.yml decides.`,
        );
      }
      const cwd = await resolveDirectory(options.guard, request.cwd);
      if (typeof cwd !== "string") return cwd;
      const outcome = await spawnCommand(parsed.argv, {
        cwd,
        env: options.env,
        timeoutMs: timeoutFor(request.timeout_seconds, options),
        signal,
        captureBytes: captureBytesFor(options),
        isolation: options.isolation ?? null,
      });
      return describeOutcome(request.command, outcome, options);
    },
  });
}

async function resolveDirectory(guard: WorkspaceGuard, path: string): Promise<string | ToolOutput> {
  const resolved = guard.resolveForRead(path);
  if (!resolved.ok) return toolError(`Refused: ${resolved.message}`);
  const info = await stat(resolved.absolute).catch(() => undefined);
  if (!info?.isDirectory()) return toolError(`cwd "${path}" is not a directory of the workspace.`);
  return resolved.absolute;
}

function timeoutFor(seconds: number | undefined, options: RunOptions): number {
  const fallback = options.timeoutMs ?? 300_000;
  const max = options.maxTimeoutMs ?? 1_200_000;
  return Math.min(seconds === undefined ? fallback : seconds * 1000, max);
}

// Beyond what is shown, a margin: a secret straddling the capture's edge is
// masked whole before the shown part is cut from well inside it.
function captureBytesFor(options: RunOptions): number {
  return Math.ceil((options.maxOutputChars ?? 16_000) / 2) + 8_192;
}

function describeOutcome(command: string, outcome: SpawnOutcome, options: RunOptions): ToolOutput {
  if (outcome.startError !== undefined) {
    return toolError(`$ ${command}\ncould not start: ${outcome.startError}`);
  }
  const seconds = (outcome.durationMs / 1000).toFixed(1);
  const status =
    outcome.stopped === "timeout"
      ? `stopped by its time limit after ${seconds} s (the command and everything it started were killed)`
      : outcome.stopped === "aborted"
        ? `stopped after ${seconds} s: the stage run's time is up`
        : `exit code ${outcome.exitCode ?? "none (killed by a signal)"} after ${seconds} s`;
  const output = formatCommandOutput(
    outcome.output,
    options.redact,
    options.maxOutputChars ?? 16_000,
  );
  const content = `$ ${command}\n${status}\n${output}`;
  return outcome.stopped === undefined ? { content } : toolError(content);
}
