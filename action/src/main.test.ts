import { existsSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { stageResultSchema } from "../../contract/stage-result.js";
import { createFakeClock } from "../../test/fakes/fake-clock.js";
import {
  type FakeOpenAIServer,
  openaiToolCalls,
  startFakeOpenAIServer,
} from "../../test/fakes/openai-server.js";
import { aStageSpec } from "../../test/fixtures/stage-spec.js";
import { createTempRepo, type TempRepo } from "./agent/testing/create-temp-repo.js";
import { InvalidSpecError, type MainDeps, main } from "./main.js";
import { PROMPTS_DIR } from "./stages/testing/stage-test-bed.js";

const RESULT_URL = "https://quantapilot.example.com/api/stage-runs/42/result";
let repo: TempRepo;
let llm: FakeOpenAIServer;
let temp: string;
let posted: { url: string; authorization: string | null; body: unknown }[];

beforeEach(async () => {
  repo = createTempRepo({ "README.md": "# Demo\n" });
  llm = await startFakeOpenAIServer();
  temp = mkdtempSync(join(tmpdir(), "qp-main-"));
  posted = [];
});
afterEach(async () => {
  repo.remove();
  await llm.close();
  rmSync(temp, { recursive: true, force: true });
});

/** A fetch that answers like the app would, with `status`, recording what was sent. */
function appAnswering(status: number): typeof fetch {
  return async (input, init) => {
    const headers = new Headers(init?.headers);
    posted.push({
      url: String(input),
      authorization: headers.get("authorization"),
      body: JSON.parse(String(init?.body)),
    });
    return new Response(JSON.stringify({ status: "accepted" }), {
      status,
      headers: { "content-type": "application/json" },
    });
  };
}

function deps(overrides: Partial<MainDeps> = {}): MainDeps {
  const chain = [
    { provider: "openai-compatible" as const, model: "gpt-4.1", base_url: llm.baseURL },
  ];
  const spec = aStageSpec({
    base_sha: repo.git("rev-parse", "HEAD").trim(),
    models: { developer: chain },
    result_url: RESULT_URL,
  });
  return {
    specText: JSON.stringify(spec),
    workspace: repo.root,
    env: { PATH: process.env.PATH ?? "" },
    promptsDir: PROMPTS_DIR,
    tempDir: temp,
    clock: createFakeClock(),
    fetch: appAnswering(202),
    getIdToken: async (audience) => `token-for-${audience}`,
    log: () => {},
    ...overrides,
  };
}

const finishTurn = () =>
  openaiToolCalls([{ id: "f", name: "finish", arguments: { summary: "Nothing to change." } }]);

describe("main", () => {
  it("reports a valid result with the job's OIDC token for the spec's audience, and keeps the transcript", async () => {
    llm.enqueue(finishTurn());
    const outcome = await main(deps());
    expect(outcome.report).toMatchObject({ delivered: true, status: 202 });
    expect(posted).toHaveLength(1);
    expect(posted[0]).toMatchObject({
      url: RESULT_URL,
      authorization: "Bearer token-for-https://quantapilot.example.com",
    });
    const body = stageResultSchema.parse(posted[0]?.body);
    expect(body).toMatchObject({ outcome: "no_changes", stage_run_id: 42 });
    expect(readFileSync(outcome.transcriptPath, "utf8")).toContain('"type":"stop"');
    expect(outcome.resultFile).toBeUndefined();
  });

  it("reports a failed result, with the fix, when the checkout is not at the pinned base", async () => {
    const pinned = deps();
    repo.write({ "b.txt": "b\n" });
    repo.git("add", "--all");
    repo.git("commit", "-qm", "moved on");
    const outcome = await main(pinned);
    expect(outcome.result.outcome).toBe("failed");
    expect(outcome.result.reason).toMatch(
      /^The checkout is at [0-9a-f]{40}, but the stage is pinned to/,
    );
    expect(llm.requests).toEqual([]);
    expect(posted).toHaveLength(1);
  });

  it("saves the result to a file when the app refuses it or cannot be reached", async () => {
    llm.enqueue(finishTurn());
    const outcome = await main(deps({ fetch: appAnswering(400) }));
    expect(outcome.report.delivered).toBe(false);
    expect(outcome.resultFile).toBe(join(temp, "quantapilot-result-42.json"));
    expect(existsSync(outcome.resultFile ?? "")).toBe(true);
  });

  it("runs nothing for a spec it cannot read, naming the fields", async () => {
    await expect(main(deps({ specText: "{" }))).rejects.toThrow(InvalidSpecError);
    const spec = JSON.parse(deps().specText);
    const bad = JSON.stringify({
      ...spec,
      result_url: "http://evil.example/api/stage-runs/42/result",
    });
    await expect(main(deps({ specText: bad }))).rejects.toThrow(/result_url: must be https/);
    expect(posted).toEqual([]);
    expect(llm.requests).toEqual([]);
  });
});
