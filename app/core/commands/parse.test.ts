import { describe, expect, it } from "vitest";
import type { ParsedCommands } from "./command.js";
import { MAX_BODY_LENGTH, MAX_COMMANDS, parseCommands } from "./parse.js";

/**
 * A parse result as short strings, so a table of cases reads at a glance:
 * "approve abc1234", "reject: why", "? aprove → approve", "! approve" (bad
 * argument), "+ status" (over the limit).
 */
function summarise({ commands, unknown }: ParsedCommands): string[] {
  const ran = commands.map((command) => {
    switch (command.name) {
      case "approve":
        return command.cancel ? "approve cancel" : `approve${command.sha ? ` ${command.sha}` : ""}`;
      case "reject":
        return `reject: ${command.reason}`;
      case "retry":
        return `retry${command.stage ? ` ${command.stage}` : ""}`;
      case "hold":
        return command.cancel ? "hold cancel" : "hold";
      default:
        return command.name;
    }
  });
  const refused = unknown.map((entry) => {
    if (entry.problem === "invalid-argument") return `! ${entry.name}`;
    if (entry.problem === "too-many") return `+ ${entry.name}`;
    return `? ${entry.name}${entry.suggestion ? ` → ${entry.suggestion}` : ""}`;
  });
  return [...ran, ...refused];
}

const parse = (body: string) => summarise(parseCommands(body, { appSlug: "quantapilot" }));
const SHA40 = "0123456789abcdef0123456789abcdef01234567";

// [case, comment body, what it asks for]
const GRAMMAR: Array<[string, string, string[]]> = [
  ["a bare command", "/approve", ["approve"]],
  ["names are case-insensitive", "/APPROVE", ["approve"]],
  ["leading spaces", "  /approve", ["approve"]],
  ["a tab after a paragraph line", "looks good\n\t/approve", ["approve"]],
  ["trailing spaces", "/approve   ", ["approve"]],
  ["CRLF line endings", "/approve\r\n/hold\r\n", ["approve", "hold"]],
  ["a lone CR ends a line", "/approve\r/hold", ["approve", "hold"]],
  ["a no-break space separates arguments", "/approve\u00a0cancel", ["approve cancel"]],
  ["approve a short SHA", "/approve abc1234", ["approve abc1234"]],
  ["a SHA is stored lower-case", "/approve ABC1234DEF", ["approve abc1234def"]],
  ["approve a full SHA", `/approve ${SHA40}`, [`approve ${SHA40}`]],
  ["a 41-digit SHA", `/approve ${SHA40}8`, ["! approve"]],
  ["a 6-digit SHA", "/approve abc123", ["! approve"]],
  ["a SHA that is not hex", "/approve abcdefg", ["! approve"]],
  ["withdraw an approval", "/approve cancel", ["approve cancel"]],
  ["no argument sets a budget", "/approve budget=100", ["! approve"]],
  ["one argument at most", "/approve abc1234 now", ["! approve"]],
  ["a reason is required", "/reject", ["! reject"]],
  ["only spaces are no reason", "/reject    ", ["! reject"]],
  ["a reason on the line", "/reject tests are missing", ["reject: tests are missing"]],
  [
    "a reason below, up to the next command",
    "/reject\nTests\nare missing\n/hold",
    ["reject: Tests\nare missing", "hold"],
  ],
  ["a reason keeps its code", "/reject `parse()` throws", ["reject: `parse()` throws"]],
  [
    "a reason keeps a code block",
    "/reject see:\n```\n/approve\n```",
    ["reject: see:\n```\n/approve\n```"],
  ],
  ["retry the current stage", "/retry", ["retry"]],
  ["retry a stage", "/retry test", ["retry test"]],
  ["stage names are case-insensitive", "/retry IMPLEMENT", ["retry implement"]],
  ["no flags", "/retry --force", ["! retry"]],
  ["only pipeline stages", "/retry deploy", ["! retry"]],
  ["hold", "/hold", ["hold"]],
  ["release a hold", "/hold cancel", ["hold cancel"]],
  ["no hold duration", "/hold forever", ["! hold"]],
  [
    "commands without arguments",
    "/cancel\n/status\n/budget\n/help",
    ["cancel", "status", "budget", "help"],
  ],
  ["read-only commands take no arguments either", "/status please", ["! status"]],
  ["several run in order", "/hold\ntext\n/approve\n/status", ["hold", "approve", "status"]],
  ["a typo gets a suggestion", "/aprove", ["? aprove → approve"]],
  ["a transposition gets a suggestion", "/stauts", ["? stauts → status"]],
  ["another bot's command is not ours", "/lgtm\n/assign @me", []],
  ["a path is not a command", "/usr/bin/env node", []],
  ["a URL is not a command", "https://example.com/approve", []],
  ["a slash alone", "/", []],
  ["a double slash", "//approve", []],
  ["punctuation after the name", "/approve.", []],
  ["mid-sentence", "I will /approve this later", []],
  ["after a word", "Please /approve", []],
  ["after a list marker", "- /approve", []],
  ["addressed to the app", "@quantapilot approve", ["approve"]],
  ["addressed, any case, with a SHA", "@QuantaPilot Approve abc1234", ["approve abc1234"]],
  ["addressed to the app's bot user", "@quantapilot[bot] hold cancel", ["hold cancel"]],
  ["addressed with a slash", "@quantapilot /status", ["status"]],
  ["addressed, unknown, no suggestion", "@quantapilot please look", ["? please"]],
  ["addressed to another bot", "@other-bot approve", []],
  ["a longer slug is not ours", "@quantapilot-dev approve", []],
  ["a mention mid-line", "hey @quantapilot approve", []],
  ["natural language after a comma", "@quantapilot, approve it", []],
];

describe("parseCommands: grammar", () => {
  it.each(GRAMMAR)("%s", (_, body, expected) => {
    expect(parse(body)).toEqual(expected);
  });

  it("records the line and the text as written", () => {
    const { commands } = parseCommands("hi\r\n  /retry test  ", { appSlug: "quantapilot" });
    expect(commands).toEqual([{ name: "retry", stage: "test", line: 2, text: "/retry test" }]);
  });

  it("explains a refused argument without echoing it", () => {
    const [entry] = parseCommands("/approve budget=100", { appSlug: "qp" }).unknown;
    expect(entry).toMatchObject({ problem: "invalid-argument", line: 1 });
    expect(entry?.problem === "invalid-argument" && entry.message).toBe(
      "Usage: `/approve [<sha>|cancel]`. Comments cannot change configuration: budgets, gates and approvers live in `.github/quantapilot.yml`.",
    );
  });

  it("ignores the @ form when no slug is known", () => {
    expect(summarise(parseCommands("@ approve\n/hold", { appSlug: "" }))).toEqual(["hold"]);
  });

  it("reads a body at the limit", () => {
    const body = `${"a".repeat(MAX_BODY_LENGTH - 8)}\n/status`;
    expect(body).toHaveLength(MAX_BODY_LENGTH);
    expect(parse(body)).toEqual(["status"]);
  });
});

// [case, comment body, what it asks for]: text that renders as code, a quote,
// a comment or a collapsed block never runs.
const HIDDEN: Array<[string, string, string[]]> = [
  ["a backtick fence", "```\n/approve\n```", []],
  ["a tilde fence", "~~~\n/approve\n~~~", []],
  ["a fence with an info string", "```bash\n/approve\n```\n/hold", ["hold"]],
  ["an unclosed fence hides the rest", "```\n/approve\n/hold", []],
  ["a shorter fence does not close a longer one", "````\n```\n/approve\n````\n/hold", ["hold"]],
  ["a closer has no info string", "```\n/approve\n```js\n/hold\n```\n/status", ["status"]],
  ["a tilde does not close a backtick fence", "```\n~~~\n/approve\n```\n/hold", ["hold"]],
  ["an indented fence", "  ```\n/approve\n  ```\n/status", ["status"]],
  ["a fence in a list item", "- see\n    ```\n    /approve\n    ```\n/hold", ["hold"]],
  ["indented code at the start", "    /approve", []],
  ["indented code after a blank line", "text\n\n    /approve\n\n    /hold", []],
  ["tab-indented code at the start", "\t/approve", []],
  ["inline code", "`/approve`", []],
  ["a double-backtick span", "`` /approve ``", []],
  ["a code span over several lines", "text `code\n/approve\n` more", []],
  ["a code span ending before the command", "a `b\nc`/approve", []],
  ["an escaped backtick opens no span", "\\` <!--\n/approve\n-->\n/hold", ["hold"]],
  ["a code span naming a tag is not a tag", "`<details>` and `<!--`\n/approve", ["approve"]],
  ["a quote", "> /approve", []],
  ["a quote without a space", ">/approve", []],
  ["a nested quote", "> > /approve", []],
  ["an indented quote", "   > /approve", []],
  ["a line continuing a quote", "> Ready?\n/approve", []],
  ["a blank line ends the quote", "> Ready?\n\n/approve", ["approve"]],
  ["a code span cannot reach into a quote", "text `a\n> b`\n/approve", []],
  ["an HTML comment", "<!-- /approve -->", []],
  ["a multi-line HTML comment", "<!--\n/approve\n-->\n/hold", ["hold"]],
  ["an unclosed HTML comment", "<!--\n/approve", []],
  ["text after a comment's last line", "<!--\nx\n-->/approve", []],
  ["a comment before the command on its line", "<!-- note -->/approve", ["approve"]],
  ["a comment after the command", "/approve <!-- checked the diff -->", ["approve"]],
  [
    "a details block",
    "<details>\n<summary>old</summary>\n\n/approve\n</details>\n\n/hold",
    ["hold"],
  ],
  ["an unclosed details block", "<details>\n/approve", []],
  ["nested details", "<details>\n<details>\n</details>\n/approve\n</details>\n/hold", ["hold"]],
  ["a stray close tag does not end details", "<details>\n</pre>\n/approve\n</details>", []],
  ["a pre block", "<pre>\n/approve\n</pre>", []],
  ["a blockquote element", "<BLOCKQUOTE>\n/approve\n</BLOCKQUOTE>", []],
  ["fullwidth slash", "\uff0fapprove", ["? \uff0fapprove → approve"]],
  ["division slash", "\u2215approve", ["? \u2215approve → approve"]],
  ["Cyrillic а", "/\u0430pprove", ["? \u0430pprove → approve"]],
  ["Cyrillic in an addressed command", "@quantapilot \u0430pprove", ["? \u0430pprove → approve"]],
  ["a zero-width space inside", "/app\u200brove", ["? app\u200brove → approve"]],
  ["a zero-width space after", "/approve\u200b", ["? approve\u200b → approve"]],
  ["a zero-width space before", "\u200b/approve", []],
  ["a byte-order mark is no separator", "/hold\ufeffcancel", []],
  ["the Kelvin sign does not fold to k", "/\u212aelvin", []],
];

describe("parseCommands: text that is not a command", () => {
  it.each(HIDDEN)("%s", (_, body, expected) => {
    expect(parse(body)).toEqual(expected);
  });
});

describe("parseCommands: limits", () => {
  it(`runs ${MAX_COMMANDS} commands and reports the rest`, () => {
    const body = Array.from({ length: MAX_COMMANDS + 1 }, () => "/status").join("\n");
    expect(parse(body)).toEqual([...Array(MAX_COMMANDS).fill("status"), "+ status"]);
  });

  it("survives 1,000 commands", () => {
    const { commands, unknown } = parseCommands("/hold\n".repeat(1000), { appSlug: "qp" });
    expect(commands).toHaveLength(MAX_COMMANDS);
    expect(unknown).toHaveLength(1000 - MAX_COMMANDS);
    expect(unknown.every((entry) => entry.problem === "too-many")).toBe(true);
  });

  it("refuses a very long argument", () => {
    expect(parse(`/approve ${"a".repeat(60_000)}`)).toEqual(["! approve"]);
  });

  it("ignores text past the limit", () => {
    expect(parse(`${"a".repeat(MAX_BODY_LENGTH)}\n/approve`)).toEqual([]);
  });

  it("drops the line the limit cuts, which could mean the opposite", () => {
    const body = `/status\n${"a".repeat(MAX_BODY_LENGTH - 14)}\n/hold cancel`;
    expect(body.indexOf("/hold cancel")).toBe(MAX_BODY_LENGTH - 5);
    expect(parse(body)).toEqual(["status"]);
  });

  it("stays fast on backticks and comment openers", () => {
    const hostile = "` `` ``` <!-- <details> ".repeat(2_700);
    const started = performance.now();
    parseCommands(hostile, { appSlug: "qp" });
    expect(performance.now() - started).toBeLessThan(1_000);
  });
});
