import { COMMAND_NAMES, CONFIG_PATH, type CommandName } from "../../../contract/config.js";
import type { Approvers } from "./authorise.js";
import { COMMAND_SPECS } from "./command-specs.js";
import { MAX_COMMANDS } from "./parse.js";
import { type CommandPermissions, requiredLevel } from "./required-level.js";

/**
 * Where `/help` was asked. `itemState` is the work item's: "open" (or absent)
 * lists every command; "closed" (finished or cancelled) and "none" (not a work
 * item) list only the commands that report.
 */
export type HelpContext = {
  where: "issue" | "pull_request";
  itemState?: "open" | "closed" | "none";
  permissions: CommandPermissions;
  approvers: Approvers;
  /** Shown as the `@<app-slug> <name>` form when given. */
  appSlug?: string;
};

// Names go in code spans: a help reply must not notify every approver.
function approverList({ users, teams }: Approvers): string {
  const names = [...users.map((user) => `\`${user}\``), ...teams.map((team) => `team \`${team}\``)];
  return names.join(", ");
}

function whoMay(command: CommandName, context: HelpContext): string {
  const level = requiredLevel(command, context.permissions);
  const people = level === "admin" ? "Admins" : `People with \`${level}\` access or higher`;
  const approvers = approverList(context.approvers);
  return command === "approve" && approvers !== ""
    ? `${people} who are approvers: ${approvers}`
    : people;
}

function row(command: CommandName, context: HelpContext): string {
  const spec = COMMAND_SPECS[command];
  const usage = context.where === "issue" ? (spec.issueUsage ?? spec.usage) : spec.usage;
  // A "|" inside a table cell must be escaped, even in a code span.
  return `| \`${usage.replaceAll("|", "\\|")}\` | ${spec.summary} | ${whoMay(command, context)} |`;
}

function validCommands({ itemState }: HelpContext): CommandName[] {
  const active = itemState === undefined || itemState === "open";
  return COMMAND_NAMES.filter((command) => active || COMMAND_SPECS[command].readOnly);
}

function notes(context: HelpContext): string[] {
  const place = context.where === "issue" ? "issue" : "pull request";
  return [
    ...(validCommands(context).length < COMMAND_NAMES.length
      ? [`- Only commands that report are listed: this ${place} has no work in progress.`]
      : []),
    "- Write each command at the start of its own line. Commands in code, quotes, HTML comments and collapsed `<details>` are ignored.",
    `- Up to ${MAX_COMMANDS} commands per comment run, in order.`,
    "- **Editing a comment does not re-run its commands**: post a new comment instead.",
    `- No comment changes configuration: budgets, gates and approvers live in \`${CONFIG_PATH}\`.`,
    "- Commands from bots and apps never count.",
    ...(context.appSlug ? [`- You can also address the app: \`@${context.appSlug} status\`.`] : []),
  ];
}

/**
 * The `/help` reply: the commands valid where it was asked, what each does
 * and who may use it, and how commands are read.
 */
export function renderHelp(context: HelpContext): string {
  return [
    "### QuantaPilot commands",
    "",
    "| Command | What it does | Who may use it |",
    "| --- | --- | --- |",
    ...validCommands(context).map((command) => row(command, context)),
    "",
    ...notes(context),
  ].join("\n");
}
