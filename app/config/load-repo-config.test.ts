import nock from "nock";
import { ProbotOctokit } from "probot";
import { afterEach, beforeAll, describe, expect, it } from "vitest";
import { configSchema } from "../../contract/config.js";
import { loadRepoConfig } from "./load-repo-config.js";

const API = "https://api.github.com";
const CONFIG = ".github%2Fquantapilot.yml";
const DEFAULTS = configSchema.parse({});

function createOctokit() {
  return new ProbotOctokit({
    auth: { token: "test" },
    retry: { enabled: false },
    throttle: { enabled: false },
  });
}

type Serve = { path?: string; times?: number };

// GitHub answers a raw-media-type contents request with the file's bytes as
// text. An invalid file is read twice: once by the config plugin, once more
// by the loader for line numbers.
function serveConfigFile(scope: nock.Scope, repo: string, text: string, serve: Serve = {}) {
  return scope
    .get(`/repos/${repo}/contents/${serve.path ?? CONFIG}`)
    .times(serve.times ?? 1)
    .reply(200, text, { "content-type": "text/plain; charset=utf-8" });
}

function serveNoConfigFile(scope: nock.Scope, repo: string, path = CONFIG) {
  return scope.get(`/repos/${repo}/contents/${path}`).reply(404, { message: "Not Found" });
}

beforeAll(() => {
  nock.disableNetConnect();
});

afterEach(() => {
  nock.cleanAll();
});

describe("loadRepoConfig", () => {
  it("uses the defaults when neither the repository nor its org has a config", async () => {
    const scope = nock(API);
    serveNoConfigFile(scope, "acme/widgets");
    serveNoConfigFile(scope, "acme/.github");

    const result = await loadRepoConfig(createOctokit(), { owner: "acme", repo: "widgets" });

    expect(result).toEqual({ ok: true, config: DEFAULTS, files: [] });
    expect(scope.isDone()).toBe(true);
  });

  it("reads the repository's own file from the default branch", async () => {
    const scope = nock(API);
    serveConfigFile(
      scope,
      "acme/widgets",
      "max_iterations: 5\nbudgets: { project: { usd: 20 } }\n",
    );

    const result = await loadRepoConfig(createOctokit(), { owner: "acme", repo: "widgets" });

    expect(result).toEqual({
      ok: true,
      config: {
        ...DEFAULTS,
        max_iterations: 5,
        budgets: { ...DEFAULTS.budgets, project: { usd: 20 } },
      },
      files: [{ owner: "acme", repo: "widgets", path: ".github/quantapilot.yml" }],
    });
    expect(scope.isDone()).toBe(true);
  });

  it("falls back to the org's .github repository when the repository has no file", async () => {
    const scope = nock(API);
    serveNoConfigFile(scope, "acme/widgets");
    serveConfigFile(scope, "acme/.github", "approvers: { teams: [acme/leads] }\n");

    const result = await loadRepoConfig(createOctokit(), { owner: "acme", repo: "widgets" });

    expect(result).toMatchObject({
      ok: true,
      config: { approvers: { users: [], teams: ["acme/leads"] } },
      files: [{ owner: "acme", repo: ".github", path: ".github/quantapilot.yml" }],
    });
    expect(scope.isDone()).toBe(true);
  });

  it("merges an _extends base under the repository's file, key by key", async () => {
    const scope = nock(API);
    serveConfigFile(
      scope,
      "acme/widgets",
      "_extends: .github\nbudgets:\n  stage_run: { usd: 2 }\nallowed_commands: [make test]\n",
    );
    serveConfigFile(
      scope,
      "acme/.github",
      "budgets:\n  project: { usd: 20 }\n  stage_run: { usd: 4, turns: 30 }\nallowed_commands: [npm test, pytest]\n",
    );

    const result = await loadRepoConfig(createOctokit(), { owner: "acme", repo: "widgets" });

    expect(result).toMatchObject({
      ok: true,
      config: {
        budgets: { project: { usd: 20 }, stage_run: { usd: 2, turns: 30, tokens: 2_000_000 } },
        allowed_commands: ["make test"],
      },
      files: [
        { owner: "acme", repo: "widgets", path: ".github/quantapilot.yml" },
        { owner: "acme", repo: ".github", path: ".github/quantapilot.yml" },
      ],
    });
    expect(scope.isDone()).toBe(true);
  });

  it("follows _extends to a file in another organisation's repository", async () => {
    const scope = nock(API);
    serveConfigFile(scope, "acme/widgets", "_extends: shared-org/policies:quantapilot/base.yml\n");
    serveConfigFile(scope, "shared-org/policies", "max_iterations: 7\n", {
      path: "quantapilot%2Fbase.yml",
    });

    const result = await loadRepoConfig(createOctokit(), { owner: "acme", repo: "widgets" });

    expect(result).toMatchObject({ ok: true, config: { max_iterations: 7 } });
    expect(result.ok && result.files.map((f) => `${f.owner}/${f.repo}:${f.path}`)).toEqual([
      "acme/widgets:.github/quantapilot.yml",
      "shared-org/policies:quantapilot/base.yml",
    ]);
    expect(scope.isDone()).toBe(true);
  });
});

describe("loadRepoConfig with an invalid config", () => {
  const own = { owner: "acme", repo: "widgets", path: ".github/quantapilot.yml" };

  it("reports each error at its line, reading the file's text again", async () => {
    const text = "version: 1\nbudgets:\n  stage_run:\n    usd: 0\nmax_iteration: 4\n";
    const scope = nock(API);
    serveConfigFile(scope, "acme/widgets", text, { times: 2 });

    const result = await loadRepoConfig(createOctokit(), { owner: "acme", repo: "widgets" });

    expect(result).toEqual({
      ok: false,
      file: own,
      errors: [
        { path: "budgets.stage_run.usd", line: 4, column: 5, message: "must be greater than 0" },
        {
          path: "max_iteration",
          line: 5,
          column: 1,
          message: 'unknown key "max_iteration"; did you mean "max_iterations"?',
        },
      ],
    });
    expect(scope.isDone()).toBe(true);
  });

  it("points at the YAML syntax error the config plugin could not parse", async () => {
    const text = "gates:\n  plan: [true\nlabels: {}\n";
    const scope = nock(API);
    serveConfigFile(scope, "acme/widgets", text);

    const result = await loadRepoConfig(createOctokit(), { owner: "acme", repo: "widgets" });

    expect(result).toEqual({
      ok: false,
      file: own,
      errors: [
        { path: "", line: 3, column: 1, message: expect.stringContaining("YAML syntax error") },
      ],
    });
    expect(scope.isDone()).toBe(true);
  });

  it("refuses an alias bomb and a top-level list like parseConfig does", async () => {
    const row = (name: string, of: string) =>
      `${name}: &${name} [${Array(10).fill(of).join(", ")}]`;
    const bomb = ["a", "b", "c", "d", "e"].map((n, i) =>
      row(n, i === 0 ? "x" : `*${"abcde"[i - 1]}`),
    );
    const scope = nock(API);
    serveConfigFile(scope, "acme/widgets", `${bomb.join("\n")}\n`);
    serveConfigFile(scope, "acme/gadgets", "- plan\n- implement\n");

    const octokit = createOctokit();
    const bombed = await loadRepoConfig(octokit, { owner: "acme", repo: "widgets" });
    const listed = await loadRepoConfig(octokit, { owner: "acme", repo: "gadgets" });

    expect(bombed).toMatchObject({ ok: false, errors: [{ path: "", line: 2 }] });
    expect(listed).toMatchObject({
      ok: false,
      errors: [{ path: "", line: 1, message: expect.stringContaining("must be a mapping") }],
    });
    expect(scope.isDone()).toBe(true);
  });

  it("reports an error in an _extends base against that file", async () => {
    const base =
      "# shared\nmodels:\n  qa:\n    chain:\n      - provider: openai-compatible\n        model: llama3.1\n";
    const scope = nock(API);
    serveConfigFile(scope, "acme/widgets", "_extends: .github\n");
    serveConfigFile(scope, "acme/.github", base, { times: 2 });

    const result = await loadRepoConfig(createOctokit(), { owner: "acme", repo: "widgets" });

    expect(result).toEqual({
      ok: false,
      file: { owner: "acme", repo: ".github", path: ".github/quantapilot.yml" },
      errors: [
        {
          path: "models.qa.chain.0.base_url",
          line: 5,
          column: 9,
          message: expect.stringContaining("base_url is required"),
        },
      ],
    });
    expect(scope.isDone()).toBe(true);
  });

  it("reports an _extends target that does not exist instead of silently dropping it", async () => {
    const text = "max_iterations: 2\n_extends: acme/polices\n";
    const scope = nock(API);
    serveConfigFile(scope, "acme/widgets", text, { times: 2 });
    serveNoConfigFile(scope, "acme/polices");

    const result = await loadRepoConfig(createOctokit(), { owner: "acme", repo: "widgets" });

    expect(result).toEqual({
      ok: false,
      file: own,
      errors: [
        {
          path: "_extends",
          line: 2,
          column: 1,
          message: expect.stringContaining("acme/polices:.github/quantapilot.yml does not exist"),
        },
      ],
    });
    expect(scope.isDone()).toBe(true);
  });

  it("checks keys that span files after merging them", async () => {
    const scope = nock(API);
    serveConfigFile(
      scope,
      "acme/widgets",
      "_extends: .github\nbudgets:\n  stage_run:\n    usd: 20\n",
      { times: 2 },
    );
    serveConfigFile(scope, "acme/.github", "budgets:\n  project: { usd: 10 }\n");

    const result = await loadRepoConfig(createOctokit(), { owner: "acme", repo: "widgets" });

    expect(result).toEqual({
      ok: false,
      file: own,
      errors: [
        {
          path: "budgets.stage_run.usd",
          line: 4,
          column: 5,
          message: "must not exceed budgets.project.usd (10)",
        },
      ],
    });
    expect(scope.isDone()).toBe(true);
  });
});

describe("loadRepoConfig when GitHub fails", () => {
  it("throws the API error, so the caller can retry, instead of reporting a config problem", async () => {
    const scope = nock(API)
      .get(`/repos/acme/widgets/contents/${CONFIG}`)
      .reply(502, { message: "Bad Gateway" });

    await expect(
      loadRepoConfig(createOctokit(), { owner: "acme", repo: "widgets" }),
    ).rejects.toMatchObject({
      status: 502,
    });
    expect(scope.isDone()).toBe(true);
  });
});
