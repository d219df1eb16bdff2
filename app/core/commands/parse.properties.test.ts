import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { parseCommands } from "./parse.js";

const OPTIONS = { appSlug: "quantapilot" };

// Lines that run when they stand alone, with the command they name.
const COMMAND_LINES: Array<[string, string]> = [
  ["/approve", "approve"],
  ["/approve abc1234", "approve"],
  ["/approve cancel", "approve"],
  ["/reject not like this", "reject"],
  ["/retry", "retry"],
  ["/retry review", "retry"],
  ["/hold", "hold"],
  ["/hold cancel", "hold"],
  ["/cancel", "cancel"],
  ["/status", "status"],
  ["/budget", "budget"],
  ["/help", "help"],
  ["@quantapilot approve", "approve"],
  ["@quantapilot[bot] hold", "hold"],
];
const commandLine = fc.constantFrom(...COMMAND_LINES.map(([line]) => line));

// Fragments with meaning in Markdown, to build comments that stress the passes.
const markdownish = fc
  .array(
    fc.oneof(
      fc.constantFrom("```", "~~~", "`", "``", "<!--", "-->", "<details>", "</details>", "<pre>"),
      fc.constantFrom("> ", "\n", "\r\n", "\n\n", "    ", "\t", "\\", "@quantapilot ", "/"),
      commandLine,
      fc.string({ maxLength: 8 }),
    ),
    { maxLength: 60 },
  )
  .map((parts) => parts.join(""));

// Ways to write a line so that it renders as anything but a command.
const WRAPPERS: Array<(line: string) => string> = [
  (line) => `\`\`\`\n${line}\n\`\`\``,
  (line) => `~~~~ text\n${line}\n~~~~`,
  (line) => `\`\`\`\n${line}`,
  (line) => `\`${line}\``,
  (line) => `\`\` ${line} \`\``,
  (line) => `> ${line}`,
  (line) => `> > ${line}`,
  (line) => `> quoted\n${line}`,
  (line) => `<!-- ${line} -->`,
  (line) => `<!--\n${line}\n-->`,
  (line) => `<!--\n${line}`,
  (line) => `<details>\n<summary>s</summary>\n\n${line}\n\n</details>`,
  (line) => `<details>\n${line}`,
  (line) => `    ${line}`,
];
const wrapper = fc.constantFrom(...WRAPPERS);
// Prose with no Markdown syntax, so it cannot open or close anything.
const prose = fc.stringMatching(/^[a-z ,.]{0,40}(\n[a-z ,.]{0,40}){0,3}$/);

describe("parseCommands: properties", () => {
  it("never throws, on any string", () => {
    fc.assert(
      fc.property(fc.string({ unit: "binary", maxLength: 400 }), (body) => {
        parseCommands(body, OPTIONS);
      }),
    );
  });

  it("never throws, on Markdown-like text", () => {
    fc.assert(
      fc.property(markdownish, (body) => {
        const { commands } = parseCommands(body, OPTIONS);
        expect(commands.length).toBeLessThanOrEqual(10);
      }),
    );
  });

  it("runs a command alone on its line", () => {
    fc.assert(
      fc.property(fc.constantFrom(...COMMAND_LINES), prose, ([line, name], before) => {
        const { commands, unknown } = parseCommands(`${before}\n\n${line}`, OPTIONS);
        expect(commands).toMatchObject([{ name, text: line }]);
        expect(unknown).toEqual([]);
      }),
    );
  });

  it("never returns a command wrapped in code, a quote, a comment or details", () => {
    fc.assert(
      fc.property(commandLine, wrapper, prose, prose, (line, wrap, before, after) => {
        const body = `${before}\n\n${wrap(line)}${after === "" ? "" : `\n${after}`}`;
        expect(parseCommands(body, OPTIONS).commands).toEqual([]);
      }),
    );
  });
});
