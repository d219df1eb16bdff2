/** A line shaped like a command, before its name and arguments are checked. */
export type CommandLine = {
  /** The name as typed, case kept; with its look-alike slash when `lookalike`. */
  name: string;
  /** Everything after the name, trimmed. */
  args: string;
  /** Written as `@app-slug name`: certainly meant for this app. */
  addressed: boolean;
  /** Began with a look-alike of `/` (／ ∕ ⁄): shown a hint, never run. */
  lookalike: boolean;
};

// Whitespace other than U+FEFF, which is invisible: "/approve\uFEFFcancel"
// reads as one word, so it must not split into a command and an argument.
const SPACE = "[^\\S\\uFEFF]";
const SLASHES = "/\uFF0F\u2215\u2044";
const SLASH_LINE = new RegExp(`^${SPACE}*([${SLASHES}])(\\S+)(?:${SPACE}+([\\s\\S]*))?$`);
// Letters, digits, marks, "_" and "-" in any script, plus invisible format
// characters, so "/аpprove" (Cyrillic а) is reported with a hint while
// "/usr/bin", "/approve." and URLs are not command-shaped at all.
const NAME = /^[\p{L}\p{M}\p{N}\p{Cf}_-]+$/u;

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}

// Logins are case-insensitive; "@slug[bot]" is how GitHub shows the app's user.
function mentionPattern(appSlug: string): RegExp {
  const slug = escapeRegExp(appSlug);
  return new RegExp(
    `^${SPACE}*@${slug}(?:\\[bot\\])?${SPACE}+/?(\\S+)(?:${SPACE}+([\\s\\S]*))?$`,
    "i",
  );
}

/**
 * A reader of lines as `/<name> [args]` or `@<app-slug> <name> [args]`; it
 * returns `undefined` for anything else (prose, a path, another bot's mention).
 */
export function commandLineMatcher(appSlug: string): (line: string) => CommandLine | undefined {
  const mentionLine = appSlug === "" ? undefined : mentionPattern(appSlug);
  return (line) => {
    const slash = SLASH_LINE.exec(line);
    const mention = slash ? null : (mentionLine?.exec(line) ?? null);
    const name = slash ? slash[2] : mention?.[1];
    if (name === undefined || !NAME.test(name)) return undefined;
    const lookalike = slash !== null && slash[1] !== "/";
    return {
      name: lookalike ? `${slash[1]}${name}` : name,
      args: (slash ? slash[3] : mention?.[2])?.trim() ?? "",
      addressed: mention !== null,
      lookalike,
    };
  };
}
