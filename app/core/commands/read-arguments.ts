import {
  CONFIG_PATH,
  type CommandName,
  STAGE_NAMES,
  type StageName,
} from "../../../contract/config.js";
import type { CommandAction } from "./command.js";
import { COMMAND_SPECS } from "./command-specs.js";

/** A command's arguments checked against its allow-list. */
export type ArgumentCheck = { ok: true; action: CommandAction } | { ok: false; message: string };

type Reader = (args: readonly string[], reason: string) => CommandAction | undefined;

const SHA = /^[0-9a-f]{7,40}$/i;

const isCancel = (arg: string) => arg.toLowerCase() === "cancel";
const stageOf = (arg: string): StageName | undefined =>
  STAGE_NAMES.find((stage) => stage === arg.toLowerCase());

function readApprove([arg, ...extra]: readonly string[]): CommandAction | undefined {
  if (extra.length > 0) return undefined;
  if (arg === undefined) return { name: "approve", cancel: false };
  if (isCancel(arg)) return { name: "approve", cancel: true };
  return SHA.test(arg) ? { name: "approve", cancel: false, sha: arg.toLowerCase() } : undefined;
}

function readRetry([arg, ...extra]: readonly string[]): CommandAction | undefined {
  if (extra.length > 0) return undefined;
  if (arg === undefined) return { name: "retry" };
  const stage = stageOf(arg);
  return stage ? { name: "retry", stage } : undefined;
}

function readHold([arg, ...extra]: readonly string[]): CommandAction | undefined {
  if (extra.length > 0) return undefined;
  if (arg === undefined) return { name: "hold", cancel: false };
  return isCancel(arg) ? { name: "hold", cancel: true } : undefined;
}

const withoutArguments =
  (name: "cancel" | "status" | "budget" | "help"): Reader =>
  (args) =>
    args.length === 0 ? { name } : undefined;

// An allow-list per command: anything not listed is refused, so no argument
// ("budget=100", "--force", "approvers+=me") can reach configuration.
const READERS: Readonly<Record<CommandName, Reader>> = {
  approve: readApprove,
  reject: (_args, reason) => (reason === "" ? undefined : { name: "reject", reason }),
  retry: readRetry,
  hold: readHold,
  cancel: withoutArguments("cancel"),
  status: withoutArguments("status"),
  budget: withoutArguments("budget"),
  help: withoutArguments("help"),
};

function explain(name: CommandName, args: readonly string[]): string {
  const usage = `Usage: \`${COMMAND_SPECS[name].usage}\`.`;
  const looksLikeSetting = args.some((arg) => arg.includes("=") || arg.startsWith("-"));
  return looksLikeSetting
    ? `${usage} Comments cannot change configuration: budgets, gates and approvers live in \`${CONFIG_PATH}\`.`
    : usage;
}

/**
 * Checks `args` (the words after the name) against `name`'s allow-list.
 * `reason` is the text a `/reject` carries: required, free-form.
 */
export function readArguments(
  name: CommandName,
  args: readonly string[],
  reason: string,
): ArgumentCheck {
  const action = READERS[name](args, reason);
  return action ? { ok: true, action } : { ok: false, message: explain(name, args) };
}
