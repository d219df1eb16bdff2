import type { CommandName, StageName } from "../../../contract/config.js";

/** What a command asks for, with its checked arguments. */
export type CommandAction =
  | { name: "approve"; cancel: false; sha?: string }
  | { name: "approve"; cancel: true }
  | { name: "reject"; reason: string }
  | { name: "retry"; stage?: StageName }
  | { name: "hold"; cancel: boolean }
  | { name: "cancel" | "status" | "budget" | "help" };

/** Where a command-shaped line sat in the comment: 1-based line and its text, trimmed. */
export type CommandSource = { line: number; text: string };

/** A command to run, in the order it appeared in the comment. */
export type Command = CommandAction & CommandSource;

/**
 * A command-shaped line that will not run, with why. `text` is the user's
 * own text: quote it with `quoteForReply` before echoing it in a reply.
 */
export type UnknownCommand = CommandSource &
  (
    | { problem: "unknown-command"; name: string; suggestion?: CommandName }
    | { problem: "invalid-argument"; name: CommandName; message: string }
    | { problem: "too-many"; name: CommandName }
  );

/** Everything a comment asks of the app. */
export type ParsedCommands = { commands: Command[]; unknown: UnknownCommand[] };
