import { z } from "zod";

/** GitHub repository roles, weakest first. */
export const PERMISSION_LEVELS = ["read", "triage", "write", "maintain", "admin"] as const;
export type PermissionLevel = (typeof PERMISSION_LEVELS)[number];

export const COMMAND_NAMES = [
  "approve",
  "reject",
  "retry",
  "hold",
  "cancel",
  "status",
  "budget",
  "help",
] as const;
export type CommandName = (typeof COMMAND_NAMES)[number];

/**
 * The least role each command needs. Commands that change state need write;
 * ones that only report need read. A repository config may raise these, never
 * lower them, so a config change cannot hand control to readers.
 */
export const MINIMUM_PERMISSIONS: Readonly<Record<CommandName, PermissionLevel>> = Object.freeze({
  approve: "write",
  reject: "write",
  retry: "write",
  hold: "write",
  cancel: "write",
  status: "read",
  budget: "read",
  help: "read",
});

/** Whether `level` grants at least what `minimum` grants. */
export function isAtLeast(level: PermissionLevel, minimum: PermissionLevel): boolean {
  return PERMISSION_LEVELS.indexOf(level) >= PERMISSION_LEVELS.indexOf(minimum);
}

function explainRefusal(command: CommandName, input: unknown, allowed: readonly string[]): string {
  const minimum = MINIMUM_PERMISSIONS[command];
  const known = PERMISSION_LEVELS.some((level) => level === input);
  return known
    ? `cannot lower /${command} below its built-in minimum "${minimum}"; use one of: ${allowed.join(", ")}`
    : `must be one of: ${allowed.join(", ")}`;
}

// Only levels at or above the minimum are in the enum, so editors flag a lowering too.
function commandPermission(command: CommandName) {
  const minimum = MINIMUM_PERMISSIONS[command];
  const allowed = PERMISSION_LEVELS.filter((level) => isAtLeast(level, minimum));
  return z
    .enum(allowed, { error: (issue) => explainRefusal(command, issue.input, allowed) })
    .default(minimum)
    .describe(`Least repository role allowed to use /${command} (built-in minimum: ${minimum}).`);
}

export const permissionsSchema = z
  .strictObject({
    approve: commandPermission("approve"),
    reject: commandPermission("reject"),
    retry: commandPermission("retry"),
    hold: commandPermission("hold"),
    cancel: commandPermission("cancel"),
    status: commandPermission("status"),
    budget: commandPermission("budget"),
    help: commandPermission("help"),
  })
  .prefault({})
  .describe("Least role per command. May only raise the built-in minimums, never lower them.");
