import { fileURLToPath } from "node:url";
import type { StageSpec } from "../../../../contract/stage-spec.js";
import { createFakeClock } from "../../../../test/fakes/fake-clock.js";
import {
  type FakeOpenAIServer,
  openaiToolCalls,
  startFakeOpenAIServer,
  type WireToolCall,
} from "../../../../test/fakes/openai-server.js";
import { aStageSpec } from "../../../../test/fixtures/stage-spec.js";
import { createTempRepo, type TempRepo } from "../../agent/testing/create-temp-repo.js";
import { type RunStageOptions, runStage, type StageRunOutput } from "../run/run-stage.js";

/** The shipped prompt templates. */
export const PROMPTS_DIR = fileURLToPath(new URL("../../../../prompts", import.meta.url));

/** A checkout, a fake OpenAI-compatible server and a spec routed to it. */
export interface StageTestBed {
  repo: TempRepo;
  server: FakeOpenAIServer;
  /** Queues one model turn per list of tool calls. */
  script(...turns: WireToolCall[][]): void;
  /** A spec for the checkout's HEAD, every role routed to the fake server. */
  spec(overrides?: Partial<StageSpec>): StageSpec;
  /** The body of the `index`-th chat completion request. */
  request(index: number): WireRequest;
  run(spec: StageSpec, options?: Partial<RunStageOptions>): Promise<StageRunOutput>;
  close(): Promise<void>;
}

/** A chat completion request as the fake server received it. */
export interface WireRequest {
  messages: { role: string; content: string }[];
  tools: { function: { name: string } }[];
}

/** Starts a test bed with `files` committed. */
export async function startStageTestBed(files: Record<string, string>): Promise<StageTestBed> {
  const repo = createTempRepo(files);
  const server = await startFakeOpenAIServer();
  const chain = [
    { provider: "openai-compatible" as const, model: "gpt-4.1", base_url: server.baseURL },
  ];
  const models = { architect: chain, developer: chain, qa: chain, reviewer: chain, devops: chain };
  return {
    repo,
    server,
    script: (...turns) => {
      for (const [i, calls] of turns.entries())
        server.enqueue(
          openaiToolCalls(calls.map((call, j) => ({ id: `call_${i}_${j}`, ...call }))),
        );
    },
    spec: (overrides = {}) =>
      aStageSpec({ base_sha: repo.git("rev-parse", "HEAD").trim(), models, ...overrides }),
    request: (index) => {
      const body = server.requests[index]?.body;
      if (body === undefined) throw new Error(`no request ${index} reached the fake server`);
      return body as WireRequest;
    },
    run: (spec, options = {}) =>
      runStage({
        spec,
        dir: repo.root,
        env: { PATH: process.env.PATH ?? "", HOME: repo.root },
        promptsDir: PROMPTS_DIR,
        clock: createFakeClock(),
        ...options,
      }),
    close: async () => {
      await server.close();
      repo.remove();
    },
  };
}

/** A `finish` call. */
export const finishCall = (summary: string): WireToolCall => ({
  name: "finish",
  arguments: { summary },
});

/** A `write_file` call. */
export const writeCall = (path: string, content: string): WireToolCall => ({
  name: "write_file",
  arguments: { path, content },
});
