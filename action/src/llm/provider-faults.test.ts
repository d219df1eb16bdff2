import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { configSchema, type QuantaPilotConfigInput } from "../../../contract/config.js";
import {
  anthropicError,
  anthropicOverloaded,
  anthropicText,
  type FakeAnthropicServer,
  startFakeAnthropicServer,
} from "../../../test/fakes/anthropic-server.js";
import { createFakeClock, type FakeClock } from "../../../test/fakes/fake-clock.js";
import {
  type FakeOpenAIServer,
  openaiError,
  openaiText,
  startFakeOpenAIServer,
} from "../../../test/fakes/openai-server.js";
import { unreachableOrigin } from "../../../test/fakes/scripted-server.js";
import { type BreakerOptions, DEFAULT_BREAKER_OPTIONS } from "./circuit-breaker.js";
import { createChatModel } from "./create-chat-model.js";
import { ModelChainError } from "./model-chain-error.js";

type Chain = NonNullable<NonNullable<QuantaPilotConfigInput["models"]>["developer"]>["chain"];

const ENV = { ANTHROPIC_API_KEY: "sk-ant-test", OPENAI_API_KEY: "sk-test" };
const REQUEST = {
  system: "You are the developer.",
  messages: [{ role: "user", content: "Fix the bug." }] as const,
  tools: [],
  maxOutputTokens: 256,
};

let anthropic: FakeAnthropicServer;
let openai: FakeOpenAIServer;
let down: string;
let clock: FakeClock;
beforeAll(async () => {
  anthropic = await startFakeAnthropicServer({ apiKey: ENV.ANTHROPIC_API_KEY });
  openai = await startFakeOpenAIServer({ apiKey: ENV.OPENAI_API_KEY });
  down = await unreachableOrigin();
});
afterAll(async () => {
  await anthropic.close();
  await openai.close();
});
afterEach(() => {
  for (const server of [anthropic, openai]) {
    expect(server.pending()).toBe(0);
    server.requests.length = 0;
  }
});

const claudeAt = (base_url: string) =>
  ({ provider: "anthropic", model: "claude-haiku-4-5", base_url }) as const;
const gptAt = (base_url: string) => ({ provider: "openai", model: "gpt-4.1", base_url }) as const;

function chain(entries: Chain, breaker: BreakerOptions = DEFAULT_BREAKER_OPTIONS) {
  clock = createFakeClock();
  const { models } = configSchema.parse({ models: { developer: { chain: entries } } });
  return createChatModel({ role: "developer", models, env: ENV, clock, random: () => 0, breaker });
}

describe("provider faults, through the real SDKs", () => {
  it("honours retry-after on a 429", async () => {
    openai.enqueue(openaiError(429, { retryAfter: "2" }), openaiText("ok"));
    const { model } = chain([gptAt(openai.baseURL)]);
    await expect(model.complete(REQUEST)).resolves.toMatchObject({ text: "ok" });
    expect(clock.sleeps).toEqual([2000]);
    expect(model.history()).toEqual([
      {
        servedBy: { provider: "openai", model: "gpt-4.1" },
        attempts: [{ provider: "openai", model: "gpt-4.1", outcome: "served", attempts: 2 }],
      },
    ]);
  });

  it("retries a 500 after a backoff, then succeeds", async () => {
    anthropic.enqueue(
      anthropicError(500, "api_error", "Internal server error"),
      anthropicText("ok"),
    );
    const { model } = chain([claudeAt(anthropic.baseURL)]);
    await expect(model.complete(REQUEST)).resolves.toMatchObject({
      text: "ok",
      provider: "anthropic",
    });
    expect(clock.sleeps).toEqual([250]);
  });

  it("retries Anthropic's 529 overloaded_error", async () => {
    anthropic.enqueue(anthropicOverloaded(), anthropicOverloaded(), anthropicText("ok"));
    const { model } = chain([claudeAt(anthropic.baseURL)]);
    await expect(model.complete(REQUEST)).resolves.toMatchObject({ text: "ok" });
    expect(anthropic.requests).toHaveLength(3);
  });

  it("falls back to the next model when a provider is down, and records why", async () => {
    openai.enqueue(openaiText("served by the fallback"));
    const { model } = chain([claudeAt(down), gptAt(openai.baseURL)]);
    const completion = await model.complete(REQUEST);
    expect(completion).toMatchObject({ provider: "openai", text: "served by the fallback" });
    const [record] = model.history();
    expect(record?.servedBy).toEqual({ provider: "openai", model: "gpt-4.1" });
    expect(record?.attempts[0]).toMatchObject({
      provider: "anthropic",
      outcome: "failed",
      attempts: 4,
    });
    expect(record?.attempts[0]?.reason).toMatch(
      /^no response \(Connection error\.\); gave up after 4 attempts$/,
    );
  });

  it("falls back when a provider stays overloaded", async () => {
    anthropic.enqueue(...Array.from({ length: 4 }, anthropicOverloaded));
    openai.enqueue(openaiText("ok"));
    const { model } = chain([claudeAt(anthropic.baseURL), gptAt(openai.baseURL)]);
    await expect(model.complete(REQUEST)).resolves.toMatchObject({ provider: "openai" });
    expect(model.history()[0]?.attempts[0]?.reason).toBe(
      "HTTP 529 overloaded_error: Overloaded; gave up after 4 attempts",
    );
  });

  it("throws a ModelChainError naming every model and its reason when all are down", async () => {
    openai.enqueue(
      openaiError(401, {
        type: "invalid_request_error",
        code: "invalid_api_key",
        message: "Incorrect API key",
      }),
    );
    const { model } = chain([claudeAt(down), gptAt(openai.baseURL)]);
    const error = await model.complete(REQUEST).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ModelChainError);
    expect(error).toMatchObject({ code: "all_models_failed" });
    expect((error as ModelChainError).message).toBe(
      "Every model of the chain failed for the developer role: " +
        "anthropic claude-haiku-4-5: failed, no response (Connection error.); gave up after 4 attempts; " +
        "openai gpt-4.1: failed, HTTP 401 invalid_request_error: Incorrect API key; not retryable. " +
        "Check the providers' status and API keys, or add a fallback to models.developer.chain in .github/quantapilot.yml; then re-run the stage.",
    );
    expect(model.history()).toEqual([{ attempts: (error as ModelChainError).attempts }]);
  });

  it("opens the breaker after consecutive failures, skips the provider, then half-opens", async () => {
    anthropic.enqueue(
      anthropicError(503, "api_error", "unavailable"),
      anthropicError(503, "api_error", "unavailable"),
    );
    openai.enqueue(openaiText("first"), openaiText("second"));
    const { model } = chain([claudeAt(anthropic.baseURL), gptAt(openai.baseURL)], {
      failureThreshold: 2,
      cooldownMs: 30_000,
    });
    await model.complete(REQUEST);
    await model.complete(REQUEST);
    const [first, second] = model.history();
    expect(first?.attempts[0]?.reason).toMatch(
      /; circuit open after 2 consecutive failures, until /,
    );
    expect(second?.attempts[0]).toMatchObject({ outcome: "skipped", attempts: 0 });
    expect(anthropic.requests).toHaveLength(2);

    clock.advance(30_000);
    anthropic.enqueue(anthropicText("recovered"));
    await expect(model.complete(REQUEST)).resolves.toMatchObject({
      provider: "anthropic",
      text: "recovered",
    });
  });
});
