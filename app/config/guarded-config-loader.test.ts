import nock from "nock";
import { ProbotOctokit } from "probot";
import { afterEach, beforeAll, describe, expect, it } from "vitest";
import { guardedConfigLoader, UnreadableConfigText } from "./guarded-config-loader.js";

const CONFIG = "/repos/acme/widgets/contents/.github%2Fquantapilot.yml";
const octokit = new ProbotOctokit({
  auth: { token: "test" },
  retry: { enabled: false },
  throttle: { enabled: false },
});
const get = () =>
  guardedConfigLoader(octokit).get({
    owner: "acme",
    repo: "widgets",
    path: ".github/quantapilot.yml",
  });
const serve = (text: string) =>
  nock("https://api.github.com")
    .get(CONFIG)
    .reply(200, text, { "content-type": "text/plain; charset=utf-8" });

beforeAll(() => nock.disableNetConnect());
afterEach(() => {
  expect(nock.pendingMocks()).toEqual([]);
  nock.cleanAll();
});

describe("guardedConfigLoader", () => {
  it("loads a valid file as Probot's loader does", async () => {
    serve("version: 1\nmax_iterations: 4\n");
    const { files } = await get();
    expect(files.map((file) => file.config)).toEqual([{ version: 1, max_iterations: 4 }]);
  });

  it("refuses a file over 256 KiB, which the loader would read as no config at all", async () => {
    serve(`# ${"x".repeat(300 * 1024)}\n`);
    const error = await get().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(UnreadableConfigText);
    expect(error).toMatchObject({
      file: { owner: "acme", repo: "widgets", path: ".github/quantapilot.yml" },
      errors: [{ path: "", message: expect.stringContaining("at most 256 KiB") }],
    });
  });

  it("refuses brackets nested 100,000 deep before the loader's parse runs out of memory", async () => {
    serve(`gates: ${"[".repeat(100_000)}${"]".repeat(100_000)}\n`);
    const error = await get().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(UnreadableConfigText);
    expect((error as UnreadableConfigText).errors[0]).toMatchObject({ path: "", line: 1 });
  });
});
