import {
  type CommandName,
  isAtLeast,
  MINIMUM_PERMISSIONS,
  type PermissionLevel,
} from "../../../contract/config.js";

/** Least role per command, as `.github/quantapilot.yml`'s `permissions` holds it. */
export type CommandPermissions = Readonly<Record<CommandName, PermissionLevel>>;

/**
 * The least role `command` needs: the configured level, but never below the
 * built-in minimum. The config schema already refuses a lowering; checking
 * again here keeps a bug elsewhere from handing control to readers.
 */
export function requiredLevel(
  command: CommandName,
  permissions: CommandPermissions,
): PermissionLevel {
  const minimum = MINIMUM_PERMISSIONS[command];
  const configured = permissions[command];
  return isAtLeast(configured, minimum) ? configured : minimum;
}
