import { describe, expect, it } from "vitest";
import {
  ALWAYS_PROTECTED_PATHS,
  type ChainEntry,
  configSchema,
  type QuantaPilotConfig,
} from "./config.js";
import { parseConfig } from "./parse-config.js";

function parseValid(text: string): QuantaPilotConfig {
  const result = parseConfig(text);
  if (!result.ok) throw new Error(JSON.stringify(result.errors));
  return result.config;
}

const sonnet: ChainEntry[] = [
  { provider: "anthropic", model: "claude-sonnet-4-5" },
  { provider: "openai", model: "gpt-4.1" },
];
const haiku: ChainEntry[] = [
  { provider: "anthropic", model: "claude-haiku-4-5" },
  { provider: "openai", model: "gpt-4.1-mini" },
];

// The documented defaults (README, "Configuration"), in full.
const DEFAULTS: QuantaPilotConfig = {
  version: 1,
  stages: { kickoff: ["plan"], issue: ["implement", "test", "review"] },
  gates: { plan: true, implement: false, test: false, review: true, release: false },
  labels: {
    plan: "quantapilot:plan",
    implement: "quantapilot:implement",
    test: "quantapilot:test",
    review: "quantapilot:review",
  },
  approvers: { users: [], teams: [] },
  permissions: {
    ...{ approve: "write", reject: "write", retry: "write", hold: "write", cancel: "write" },
    ...{ status: "read", budget: "read", help: "read" },
  },
  max_iterations: 3,
  milestones: { sequential: true },
  budgets: {
    project: { usd: 50 },
    stage_run: { usd: 5, tokens: 2_000_000, turns: 60, minutes: 30 },
  },
  models: {
    architect: { tier: "standard", chain: sonnet },
    developer: { tier: "standard", chain: sonnet },
    qa: { tier: "efficient", chain: haiku },
    reviewer: { tier: "standard", chain: sonnet },
    devops: { tier: "efficient", chain: haiku },
  },
  pricing: {},
  quality: {
    min_coverage: 80,
    min_changed_lines_coverage: 70,
    max_lint_errors: 0,
    max_vulnerabilities: { critical: 0, high: 0, moderate: null, low: null },
    require_docs_with_code: false,
    commands: {},
  },
  protected_paths: [".github/workflows/**", ".github/quantapilot.yml", ".github/quantapilot/**"],
  allowed_commands: [
    "npm test",
    "npm run lint",
    "npx vitest run",
    "pytest",
    "go test ./...",
    "cargo test",
  ],
  limits: { result: { max_files: 200, max_file_bytes: 1_000_000, max_total_bytes: 5_000_000 } },
  runner: { runs_on: "ubuntu-latest" },
};

describe("configSchema defaults", () => {
  it.each([
    ["an empty file", ""],
    ["a file of comments", "# QuantaPilot: all defaults\n"],
    ["only the version", "version: 1\n"],
    ["empty mappings", "stages: {}\nbudgets: {}\nmodels: {}\n"],
    ["a Probot _extends, stripped", "_extends: .github\n"],
    ["an explicit null document", "~\n"],
  ])("%s gives every default", (_, text) => {
    expect(parseValid(text)).toEqual(DEFAULTS);
  });

  it("parses {} to the same defaults as the YAML path", () => {
    expect(configSchema.parse({})).toEqual(DEFAULTS);
  });

  it("hands out fresh default lists, so one caller cannot change another's", () => {
    const first = parseValid("");
    first.allowed_commands.push("rm -rf /");
    first.models.developer.chain.pop();
    expect(parseValid("")).toEqual(DEFAULTS);
  });
});

describe("a minimal config", () => {
  const config = parseValid("budgets:\n  project:\n    usd: 20\n");

  it("keeps what it sets and defaults the rest, nested keys included", () => {
    expect(config.budgets).toEqual({ ...DEFAULTS.budgets, project: { usd: 20 } });
    expect({ ...config, budgets: DEFAULTS.budgets }).toEqual(DEFAULTS);
  });
});

const FULL = `
version: 1
stages:
  kickoff: [plan, release]
  issue: [implement, review]
gates: { plan: false, implement: true, test: true, review: true, release: true }
labels:
  plan: "ai:plan"
  implement: "ai:build"
  test: "ai:test"
  review: "ai:review"
approvers:
  users: [octocat, mona-lisa]
  teams: [acme/release-managers]
permissions:
  approve: maintain
  status: triage
max_iterations: 5
milestones: { sequential: false }
budgets:
  project: { usd: 500, tokens: 50000000 }
  stage_run: { usd: 12.5, tokens: 4000000, turns: 120, minutes: 90 }
models:
  architect: { tier: premium }
  developer:
    tier: standard
    chain:
      - provider: openai-compatible
        model: qwen2.5-coder:32b
        base_url: http://ollama.internal:11434/v1
      - provider: anthropic
        model: claude-sonnet-4-5
        api_key_env: ACME_ANTHROPIC_KEY
pricing:
  qwen2.5-coder:32b: { input: 0, output: 0 }
  gpt-4.1: { input: 2, output: 8, cache_read: 0.5 }
quality:
  min_coverage: 90
  min_changed_lines_coverage: 85.5
  max_lint_errors: 3
  max_vulnerabilities: { critical: 0, high: 1, moderate: 5, low: null }
  require_docs_with_code: true
  commands: { install: npm ci, test: npm test, coverage: npm run coverage }
protected_paths: ["infra/**", "*.pem", ".github/workflows/**"]
allowed_commands: [npm test, make check]
limits:
  result: { max_files: 50, max_file_bytes: 200000, max_total_bytes: 1000000 }
runner:
  runs_on: [self-hosted, linux, x64]
`;

describe("a full config", () => {
  const config = parseValid(FULL);

  it("reads every key as written", () => {
    expect(config).toMatchObject({
      stages: { kickoff: ["plan", "release"], issue: ["implement", "review"] },
      gates: { plan: false, implement: true, test: true, review: true, release: true },
      labels: { plan: "ai:plan", implement: "ai:build", test: "ai:test", review: "ai:review" },
      approvers: { users: ["octocat", "mona-lisa"], teams: ["acme/release-managers"] },
      max_iterations: 5,
      milestones: { sequential: false },
      budgets: {
        project: { usd: 500, tokens: 50_000_000 },
        stage_run: { usd: 12.5, tokens: 4_000_000, turns: 120, minutes: 90 },
      },
      quality: {
        ...{ min_coverage: 90, min_changed_lines_coverage: 85.5, max_lint_errors: 3 },
        max_vulnerabilities: { critical: 0, high: 1, moderate: 5, low: null },
        require_docs_with_code: true,
        commands: { install: "npm ci", test: "npm test", coverage: "npm run coverage" },
      },
      allowed_commands: ["npm test", "make check"],
      limits: { result: { max_files: 50, max_file_bytes: 200_000, max_total_bytes: 1_000_000 } },
      runner: { runs_on: ["self-hosted", "linux", "x64"] },
    });
  });

  it("raises permissions and keeps the built-in minimum for the others", () => {
    expect(config.permissions).toEqual({
      ...DEFAULTS.permissions,
      approve: "maintain",
      status: "triage",
    });
  });

  it("fills a role's chain from its tier, and keeps a chain as written", () => {
    expect(config.models.architect.chain).toEqual([
      { provider: "anthropic", model: "claude-opus-4-1" },
      { provider: "openai", model: "gpt-4.1" },
    ]);
    expect(config.models.developer.chain).toEqual([
      {
        provider: "openai-compatible",
        model: "qwen2.5-coder:32b",
        base_url: "http://ollama.internal:11434/v1",
      },
      { provider: "anthropic", model: "claude-sonnet-4-5", api_key_env: "ACME_ANTHROPIC_KEY" },
    ]);
    expect(config.models.qa).toEqual(DEFAULTS.models.qa);
  });

  it("prices cache tokens like input tokens unless told otherwise", () => {
    expect(config.pricing).toEqual({
      "qwen2.5-coder:32b": { input: 0, output: 0, cache_read: 0, cache_write: 0 },
      "gpt-4.1": { input: 2, output: 8, cache_read: 0.5, cache_write: 2 },
    });
  });

  it("adds protected paths to the always-protected ones, once each", () => {
    expect(config.protected_paths).toEqual([...ALWAYS_PROTECTED_PATHS, "infra/**", "*.pem"]);
  });
});

describe("protected paths", () => {
  it("cannot be emptied: an empty list still protects the workflows and the config", () => {
    expect(parseValid("protected_paths: []\n").protected_paths).toEqual(ALWAYS_PROTECTED_PATHS);
  });
});

describe("YAML conveniences", () => {
  it("expands a few anchors and aliases", () => {
    const text = [
      "models:",
      "  architect: &local",
      "    chain: [{ provider: openai-compatible, model: llama3.1, base_url: 'http://gpu:8000/v1' }]",
      "  developer: *local",
      "  reviewer: *local",
    ].join("\n");
    const { models } = parseValid(text);
    expect(models.reviewer).toEqual(models.architect);
    expect(models.developer.chain[0]?.provider).toBe("openai-compatible");
  });
});
