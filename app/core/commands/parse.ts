import { COMMAND_NAMES, type CommandName } from "../../../contract/config.js";
import type { CommandSource, ParsedCommands } from "./command.js";
import { type CommandLine, commandLineMatcher } from "./command-line-matcher.js";
import { readArguments } from "./read-arguments.js";
import { stripNonCommandText } from "./strip-non-command-text.js";
import { suggestCommand } from "./suggest.js";

/** GitHub's limit on a comment; anything past it is ignored. */
export const MAX_BODY_LENGTH = 65_536;
/** Commands run from one comment; further ones are reported, not run. */
export const MAX_COMMANDS = 10;

/** What the parser needs to know about the app: the slug it is addressed by. */
export type ParseOptions = { appSlug: string };

// The line the cut falls in is incomplete, and a prefix can mean the
// opposite ("/hold cancel" cut to "/hold"), so it is dropped too.
function limitBody(body: string): string {
  if (body.length <= MAX_BODY_LENGTH) return body;
  const head = body.slice(0, MAX_BODY_LENGTH);
  const next = body.charAt(MAX_BODY_LENGTH);
  return next === "\n" || next === "\r" ? head : head.slice(0, Math.max(0, head.lastIndexOf("\n")));
}

// Only plain ASCII names run: case-folding must not turn a look-alike
// (the Kelvin sign K, say) into a command.
function commandNameOf(match: CommandLine): CommandName | undefined {
  if (match.lookalike || !/^[A-Za-z]+$/.test(match.name)) return undefined;
  return COMMAND_NAMES.find((name) => name === match.name.toLowerCase());
}

// A /reject's reason: the rest of its line as written (code spans kept), then
// the lines below it up to the next command-shaped line.
function readReason(
  raw: readonly string[],
  found: ReadonlyArray<CommandLine | undefined>,
  index: number,
  match: (line: string) => CommandLine | undefined,
): string {
  let end = index + 1;
  while (end < found.length && found[end] === undefined) end++;
  const asWritten = match(raw[index] ?? "")?.args;
  const first = asWritten ?? found[index]?.args ?? "";
  return [first, ...raw.slice(index + 1, end)].join("\n").trim();
}

// Unknown names are reported only when they are probably ours (close to a
// command, or addressed to the app): "/lgtm" and "/assign" belong to other bots.
function reportUnknown(result: ParsedCommands, match: CommandLine, source: CommandSource): void {
  const suggestion = suggestCommand(match.name);
  if (suggestion === undefined && !match.addressed) return;
  const hint = suggestion === undefined ? {} : { suggestion };
  result.unknown.push({ ...source, problem: "unknown-command", name: match.name, ...hint });
}

function addCommand(
  result: ParsedCommands,
  name: CommandName,
  match: CommandLine,
  source: CommandSource,
  reason: string,
): void {
  const checked = readArguments(name, match.args.split(/\s+/).filter(Boolean), reason);
  if (!checked.ok) {
    result.unknown.push({ ...source, problem: "invalid-argument", name, message: checked.message });
  } else if (result.commands.length >= MAX_COMMANDS) {
    result.unknown.push({ ...source, problem: "too-many", name });
  } else {
    result.commands.push({ ...checked.action, ...source });
  }
}

/**
 * Finds the commands in a comment, in order: whole lines `/<name> [args]` or
 * `@<app-slug> <name> [args]`, outside code, quotes, HTML comments and
 * `<details>`. Lines that look like commands but will not run (unknown name,
 * bad argument, over the limit) are returned in `unknown` so the app can say
 * why. Never throws.
 */
export function parseCommands(body: string, { appSlug }: ParseOptions): ParsedCommands {
  const raw = limitBody(body).replace(/\r\n?/g, "\n").split("\n");
  const matchLine = commandLineMatcher(appSlug);
  const found = stripNonCommandText(raw.join("\n")).map(matchLine);
  const result: ParsedCommands = { commands: [], unknown: [] };
  for (const [index, match] of found.entries()) {
    if (match === undefined) continue;
    const source = { line: index + 1, text: (raw[index] ?? "").trim() };
    const name = commandNameOf(match);
    if (name === undefined) {
      reportUnknown(result, match, source);
      continue;
    }
    const reason = name === "reject" ? readReason(raw, found, index, matchLine) : "";
    addCommand(result, name, match, source, reason);
  }
  return result;
}
