import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { configSchema, type QuantaPilotConfigInput } from "../../../contract/config.js";
import {
  type FakeOpenAIServer,
  openaiText,
  startFakeOpenAIServer,
} from "../../../test/fakes/openai-server.js";
import type { CircuitBreaker } from "./circuit-breaker.js";
import { createChatModel } from "./create-chat-model.js";
import { ModelChainError } from "./model-chain-error.js";
import { selectChain } from "./select-chain.js";

const modelsOf = (models: QuantaPilotConfigInput["models"] = {}) =>
  configSchema.parse({ models }).models;

let local: FakeOpenAIServer;
beforeAll(async () => {
  local = await startFakeOpenAIServer();
});
afterAll(() => local.close());

describe("createChatModel", () => {
  it("skips a model whose API key is missing and says which secret to set", () => {
    const chain = createChatModel({
      role: "developer",
      models: modelsOf(),
      env: { OPENAI_API_KEY: "sk" },
    });
    expect(chain.refs).toEqual([{ provider: "openai", model: "gpt-4.1" }]);
    expect(chain.skipped).toEqual([
      {
        provider: "anthropic",
        model: "claude-sonnet-4-5",
        outcome: "skipped",
        attempts: 0,
        reason:
          "ANTHROPIC_API_KEY is not set; add it as a secret and pass it to the QuantaPilot action's env",
      },
    ]);
  });

  it("treats an empty key as missing (Actions passes '' for a secret that does not exist)", () => {
    const env = { ANTHROPIC_API_KEY: "", OPENAI_API_KEY: "sk" };
    expect(createChatModel({ role: "qa", models: modelsOf(), env }).skipped).toHaveLength(1);
  });

  it("reads the variable an entry names in api_key_env", () => {
    const models = modelsOf({
      reviewer: {
        chain: [
          { provider: "anthropic", model: "claude-opus-4-5", api_key_env: "TEAM_CLAUDE_KEY" },
        ],
      },
    });
    const env = { ANTHROPIC_API_KEY: "unused" };
    expect(() => createChatModel({ role: "reviewer", models, env })).toThrow(
      /TEAM_CLAUDE_KEY is not set/,
    );
    const chain = createChatModel({ role: "reviewer", models, env: { TEAM_CLAUDE_KEY: "sk" } });
    expect(chain.refs).toEqual([{ provider: "anthropic", model: "claude-opus-4-5" }]);
  });

  it("uses an openai-compatible server without a key", async () => {
    const models = modelsOf({
      developer: {
        chain: [{ provider: "openai-compatible", model: "qwen2.5-coder", base_url: local.baseURL }],
      },
    });
    local.enqueue(openaiText("local answer"));
    const chain = createChatModel({ role: "developer", models, env: {} });
    const request = { system: "s", messages: [], tools: [], maxOutputTokens: 8 };
    await expect(chain.model.complete(request)).resolves.toMatchObject({ text: "local answer" });
    expect(local.requests[0]?.headers.authorization).toBeUndefined();
  });

  it("throws a ModelChainError naming every missing key when no model is usable", () => {
    const error = catchError(() =>
      createChatModel({ role: "architect", models: modelsOf(), env: {} }),
    );
    expect(error).toBeInstanceOf(ModelChainError);
    expect(error).toMatchObject({ code: "no_usable_model" });
    expect((error as Error).message).toMatch(
      /^No model of the chain can be used for the architect role: anthropic claude-sonnet-4-5: skipped, ANTHROPIC_API_KEY is not set.*; openai gpt-4\.1: skipped, OPENAI_API_KEY is not set.*models\.architect\.chain/,
    );
  });

  it("uses the chain a stage spec routes, as given", () => {
    const chain = [{ provider: "openai", model: "gpt-5-mini" }] as const;
    const built = createChatModel({ role: "qa", chain, env: { OPENAI_API_KEY: "sk" } });
    expect(built).toMatchObject({
      why: "the chain the stage spec routes",
      refs: chain,
      skipped: [],
    });
    expect(built).not.toHaveProperty("tier");
  });

  it("shares one breaker per endpoint across the chains of a stage run", () => {
    const breakers = new Map<string, CircuitBreaker>();
    const env = { ANTHROPIC_API_KEY: "a", OPENAI_API_KEY: "o" };
    createChatModel({ role: "developer", models: modelsOf(), env, breakers });
    createChatModel({ role: "qa", models: modelsOf(), env, breakers });
    expect([...breakers.keys()]).toEqual([
      "anthropic https://api.anthropic.com",
      "openai https://api.openai.com/v1",
    ]);
  });
});

describe("selectChain", () => {
  it("moves a default chain one tier with the task's size", () => {
    const { developer, qa } = modelsOf();
    expect(selectChain(developer, "large")).toMatchObject({
      tier: "premium",
      chain: [{ model: "claude-opus-4-1" }, { model: "gpt-4.1" }],
    });
    expect(selectChain(developer, "small")).toMatchObject({ tier: "efficient" });
    expect(selectChain(developer, "medium")).toMatchObject({ tier: "standard" });
    expect(selectChain(qa, "small")).toMatchObject({
      tier: "efficient",
      chain: [{ model: "claude-haiku-4-5" }, { model: "gpt-4.1-mini" }],
    });
    expect(selectChain(developer)).toMatchObject({
      tier: "standard",
      why: "the role's standard tier",
    });
  });

  it("uses a chain the config spells out as written, whatever the size", () => {
    const { developer } = modelsOf({
      developer: { tier: "efficient", chain: [{ provider: "openai", model: "gpt-5" }] },
    });
    expect(selectChain(developer, "large")).toEqual({
      tier: "efficient",
      chain: [{ provider: "openai", model: "gpt-5" }],
      why: "the chain configured for the role",
    });
  });
});

function catchError(fn: () => unknown): unknown {
  try {
    fn();
  } catch (error) {
    return error;
  }
  throw new Error("expected an error");
}
