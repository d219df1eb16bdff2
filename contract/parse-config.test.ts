import { describe, expect, it } from "vitest";
import {
  type ConfigError,
  formatConfigErrors,
  MAX_CONFIG_BYTES,
  parseConfig,
} from "./parse-config.js";

function parseErrors(text: string): ConfigError[] {
  const result = parseConfig(text);
  if (result.ok) throw new Error("expected the config to be refused");
  return result.errors;
}

const yaml = (...lines: string[]) => `${lines.join("\n")}\n`;

type Case = { text: string; path: string; line: number; message: string };

// Each case is refused with exactly one error, at the key's path and line.
const INVALID: Record<string, Case> = {
  "wrong type": {
    text: yaml("max_iterations: three"),
    ...{ path: "max_iterations", line: 1, message: 'expected a number, got string "three"' },
  },
  "a fraction where a count belongs": {
    text: yaml("budgets:", "  stage_run:", "    turns: 2.5"),
    ...{ path: "budgets.stage_run.turns", line: 3, message: "expected an integer, got number 2.5" },
  },
  "a model id with a space in pricing": {
    text: yaml("pricing:", "  'gpt 4.1': { input: 1, output: 2 }"),
    ...{
      path: "pricing.gpt 4.1",
      line: 2,
      message: "invalid key: must be a model id without spaces",
    },
  },
  "too many iterations": {
    text: yaml("version: 1", "max_iterations: 21"),
    ...{ path: "max_iterations", line: 2, message: "must be at most 20" },
  },
  "negative project budget": {
    text: yaml("budgets:", "  project:", "    usd: -5"),
    ...{ path: "budgets.project.usd", line: 3, message: "must be greater than 0" },
  },
  "stage run costing more than the project": {
    text: yaml("budgets:", "  project: { usd: 10 }", "  stage_run:", "    usd: 20"),
    ...{
      path: "budgets.stage_run.usd",
      line: 4,
      message: "must not exceed budgets.project.usd (10)",
    },
  },
  "typo in a top-level key": {
    text: yaml("version: 1", "max_iteration: 4"),
    ...{ path: "max_iteration", line: 2, message: 'did you mean "max_iterations"?' },
  },
  "typo in a nested key": {
    text: yaml("budgets:", "  stage_run:", "    usd: 1", "    turn: 10"),
    ...{ path: "budgets.stage_run.turn", line: 4, message: 'did you mean "turns"?' },
  },
  "openai-compatible without base_url": {
    text: yaml(
      "models:",
      "  developer:",
      "    chain:",
      "      - provider: openai-compatible",
      "        model: llama3.1",
    ),
    ...{ path: "models.developer.chain.0.base_url", line: 4, message: "base_url is required" },
  },
  "base_url that is not http": {
    text: yaml(
      "models:",
      "  qa:",
      "    chain:",
      "      - provider: openai",
      "        model: gpt-4.1",
      "        base_url: ftp://x",
    ),
    ...{ path: "models.qa.chain.0.base_url", line: 6, message: "must be an http(s) URL" },
  },
  "unknown provider": {
    text: yaml(
      "models:",
      "  qa:",
      "    chain:",
      "      - provider: mistral",
      "        model: large",
    ),
    ...{ path: "models.qa.chain.0.provider", line: 4, message: "anthropic" },
  },
  "too many chain entries": {
    text: yaml(
      "models:",
      "  reviewer:",
      "    chain:",
      ...Array(6).fill("      - { provider: openai, model: gpt-4.1 }"),
    ),
    ...{ path: "models.reviewer.chain", line: 3, message: "must list at most 5 items" },
  },
  "api key variable that is not a variable name": {
    text: yaml(
      "models:",
      "  architect:",
      "    chain:",
      "      - provider: anthropic",
      "        model: claude-opus-4-1",
      "        api_key_env: my-key",
    ),
    ...{
      path: "models.architect.chain.0.api_key_env",
      line: 6,
      message: "environment variable name",
    },
  },
  "api key variable naming the runner's OIDC token": {
    text: yaml(
      "models:",
      "  architect:",
      "    chain:",
      "      - provider: openai",
      "        model: gpt-4.1",
      "        api_key_env: ACTIONS_ID_TOKEN_REQUEST_TOKEN",
    ),
    ...{
      path: "models.architect.chain.0.api_key_env",
      line: 6,
      message: "GitHub Actions runtime variable",
    },
  },
  "lowering a command's permission": {
    text: yaml("permissions:", "  status: read", "  approve: triage"),
    ...{
      path: "permissions.approve",
      line: 3,
      message: 'cannot lower /approve below its built-in minimum "write"',
    },
  },
  "a permission that does not exist": {
    text: yaml("permissions:", "  help: everyone"),
    ...{
      path: "permissions.help",
      line: 2,
      message: "must be one of: read, triage, write, maintain, admin",
    },
  },
  "unprotecting an always-protected path": {
    text: yaml("protected_paths:", "  - docs/**", "  - '!.github/workflows/**'"),
    ...{ path: "protected_paths.1", line: 3, message: "negated globs are not allowed" },
  },
  "protected path outside the repository": {
    text: yaml("protected_paths: [../secrets/**]"),
    ...{ path: "protected_paths.0", line: 1, message: "relative to the repository root" },
  },
  "stages out of pipeline order": {
    text: yaml("stages:", "  issue: [review, implement]"),
    ...{ path: "stages.issue", line: 2, message: "in pipeline order" },
  },
  "unknown stage": {
    text: yaml("stages:", "  kickoff:", "    - plan", "    - deploy"),
    ...{ path: "stages.kickoff.1", line: 4, message: "must be one of" },
  },
  "unsupported version": {
    text: yaml("version: 2"),
    ...{ path: "version", line: 1, message: "unsupported version" },
  },
  "approver team without its org": {
    text: yaml("approvers:", "  teams: [release-managers]"),
    ...{ path: "approvers.teams.0", line: 2, message: '"org/team-slug"' },
  },
  "negative price": {
    text: yaml("pricing:", "  gpt-4.1:", "    input: -1", "    output: 8"),
    ...{ path: "pricing.gpt-4.1.input", line: 3, message: "must be at least 0" },
  },
  "allowed command chaining another": {
    text: yaml("allowed_commands:", "  - npm test && curl evil.example"),
    ...{ path: "allowed_commands.0", line: 2, message: "without shell operators" },
  },
  "file limit above the total": {
    text: yaml("limits:", "  result:", "    max_file_bytes: 9000000"),
    ...{
      path: "limits.result.max_file_bytes",
      line: 3,
      message: "must not exceed limits.result.max_total_bytes",
    },
  },
  "runner labels as one comma-separated string": {
    text: yaml("runner:", "  runs_on: self-hosted, linux"),
    ...{ path: "runner.runs_on", line: 2, message: "use a YAML list" },
  },
  "an object where a list belongs": {
    text: yaml("approvers:", "  users:", "    octocat: true"),
    ...{ path: "approvers.users", line: 2, message: "expected a list, got a mapping" },
  },
  "a malformed _extends": {
    text: yaml("_extends: 'acme/.github:config.json'"),
    ...{ path: "_extends", line: 1, message: "owner/repo:path/to/file.yml" },
  },
  "YAML syntax error": {
    text: yaml("budgets:", "  project: { usd: 10", "gates: {}"),
    ...{ path: "", line: 3, message: "YAML syntax error" },
  },
  "duplicate key": {
    text: yaml("max_iterations: 2", "max_iterations: 3"),
    ...{ path: "", line: 2, message: "Map keys must be unique" },
  },
  "tab indentation": {
    text: yaml("budgets:", "\tproject: {}"),
    ...{ path: "", line: 2, message: "Tabs are not allowed" },
  },
  "top-level list": {
    text: yaml("- plan", "- implement"),
    ...{ path: "", line: 1, message: "must be a mapping of keys" },
  },
  "top-level scalar": {
    text: yaml("# config", "quantapilot"),
    ...{ path: "", line: 2, message: "must be a mapping of keys" },
  },
};

describe("parseConfig refuses", () => {
  it.each(Object.entries(INVALID))("%s", (_, { text, path, line, message }) => {
    const errors = parseErrors(text);
    expect(errors.map((e) => ({ path: e.path, line: e.line }))).toEqual([{ path, line }]);
    expect(errors[0]?.message).toContain(message);
  });

  it("reports every problem, in file order, each at its own line", () => {
    const errors = parseErrors(
      yaml(
        "gates: { plan: maybe }",
        "max_iterations: 0",
        "budgets:",
        "  stage_run: { usd: 0, minute: 5 }",
      ),
    );
    expect(errors.map((e) => [e.path, e.line, e.column])).toEqual([
      ["gates.plan", 1, 10],
      ["max_iterations", 2, 1],
      ["budgets.stage_run.usd", 4, 16],
      ["budgets.stage_run.minute", 4, 24],
    ]);
  });

  it("reports two stages sharing a label at both keys", () => {
    const errors = parseErrors(yaml("labels:", "  plan: QuantaPilot:Review"));
    expect(errors.map((e) => [e.path, e.line])).toEqual([
      ["labels.review", 1],
      ["labels.plan", 2],
    ]);
  });
});

describe("parseConfig on hostile input", () => {
  it("refuses text over 256 KiB without parsing it", () => {
    const text = `# ${"x".repeat(MAX_CONFIG_BYTES)}\n`;
    expect(parseErrors(text)).toEqual([
      { path: "", message: expect.stringContaining("at most 256 KiB") },
    ]);
  });

  it("counts bytes, not characters", () => {
    const text = `# ${"é".repeat(MAX_CONFIG_BYTES / 2)}\n`;
    expect(text.length).toBeLessThan(MAX_CONFIG_BYTES);
    expect(parseErrors(text)[0]?.message).toContain("at most 256 KiB");
  });

  it("refuses brackets nested deeper than any config, before a parser recurses into them", () => {
    const text = `version: 1\nlabels: ${"[".repeat(100_000)}${"]".repeat(100_000)}\n`;
    expect(parseErrors(text)).toEqual([
      { path: "", line: 2, column: 73, message: "brackets nest more than 64 levels deep here" },
    ]);
  });

  it("does not count brackets in quoted text or comments", () => {
    const brackets = "[".repeat(100);
    const text = [
      `version: 1 # ${brackets}`,
      `labels:\n  plan: "${brackets}\\"${brackets}"`,
      `  implement: '${brackets}''${brackets}'`,
      `# ${brackets}`,
    ].join("\n");
    // The labels are too long for the schema: what matters is that nesting is not what is refused.
    expect(parseErrors(text).map((error) => error.message)).not.toContainEqual(
      expect.stringContaining("nest"),
    );
    expect(parseErrors(text).length).toBeGreaterThan(0);
  });

  it("refuses a billion-laughs alias bomb, pointing at the first alias", () => {
    const row = (name: string, of: string) =>
      `${name}: &${name} [${Array(10).fill(of).join(", ")}]`;
    const text = yaml(
      row("a", "lol"),
      row("b", "*a"),
      row("c", "*b"),
      row("d", "*c"),
      row("e", "*d"),
      row("f", "*e"),
    );
    const errors = parseErrors(text);
    expect(errors).toEqual([
      { path: "", line: 2, column: 8, message: expect.stringContaining("resource exhaustion") },
    ]);
  });

  it("refuses an alias to an anchor that does not exist", () => {
    const errors = parseErrors(yaml("gates: *nowhere"));
    expect(errors).toEqual([
      { path: "", line: 1, column: 8, message: expect.stringContaining("nowhere") },
    ]);
  });

  it("answers nesting deep enough to overflow the parser's stack with an error, not a throw", () => {
    const text = `gates: ${"[".repeat(100_000)}${"]".repeat(100_000)}\n`;
    expect(parseErrors(text)[0]).toMatchObject({ path: "", line: 1 });
  });

  it("refuses a second YAML document", () => {
    expect(parseErrors(yaml("version: 1", "---", "version: 1"))).toMatchObject([
      { path: "", line: 2, message: expect.stringContaining("multiple documents") },
    ]);
  });

  it("keeps a __proto__ key as data and refuses it as unknown", () => {
    const errors = parseErrors(yaml("__proto__:", "  polluted: true"));
    expect(errors.map((e) => [e.path, e.line])).toEqual([["__proto__", 1]]);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });
});

describe("formatConfigErrors", () => {
  it("writes file:line:column, the path and the message, one error a line", () => {
    const errors = parseErrors(
      yaml("budgets:", "  stage_run:", "    usd: 0", "runner: { runs_on: [] }"),
    );
    expect(formatConfigErrors(errors, ".github/quantapilot.yml")).toBe(
      [
        ".github/quantapilot.yml:3:5 budgets.stage_run.usd: must be greater than 0",
        ".github/quantapilot.yml:4:11 runner.runs_on: must list at least 1 item",
      ].join("\n"),
    );
  });

  it("leaves out what an error does not know", () => {
    const text = formatConfigErrors([{ path: "", message: "the file is too large" }], "a.yml");
    expect(text).toBe("a.yml the file is too large");
  });
});
