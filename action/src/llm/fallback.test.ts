import { describe, expect, it } from "vitest";
import { createFakeClock } from "../../../test/fakes/fake-clock.js";
import { CircuitBreaker } from "./circuit-breaker.js";
import { type ChainLink, createFallbackChatModel } from "./fallback.js";
import { ProviderError } from "./provider-error.js";
import { DEFAULT_RETRY_POLICY } from "./retry.js";
import type { ChatModel, Completion, ModelRef } from "./types.js";

const REQUEST = { system: "s", messages: [], tools: [], maxOutputTokens: 10 };
const clock = createFakeClock();

function answer(ref: ModelRef): Completion {
  const usage = { inputTokens: 1, outputTokens: 1, cacheReadTokens: 0, cacheWriteTokens: 0 };
  return { text: "ok", toolCalls: [], stopReason: "end", usage, ...ref };
}

/** A chain link whose model throws `error` (or answers when undefined). */
function link(model: string, error?: Error): ChainLink {
  const ref = { provider: "openai", model } as const;
  const chat: ChatModel = {
    complete: async () => {
      if (error) throw error;
      return answer(ref);
    },
  };
  return {
    ref,
    model: chat,
    breaker: new CircuitBreaker({ failureThreshold: 1, cooldownMs: 1000 }, clock.now),
  };
}

const options = { policy: DEFAULT_RETRY_POLICY, clock, random: () => 0 };

describe("createFallbackChatModel", () => {
  it("moves on after a client error without counting it against the provider", async () => {
    const ref = { provider: "openai", model: "a" } as const;
    const rejected = link(
      "a",
      new ProviderError(ref, 400, "HTTP 400 invalid_request_error: too long"),
    );
    const chain = createFallbackChatModel([rejected, link("b")], options);
    await expect(chain.complete(REQUEST)).resolves.toMatchObject({ model: "b" });
    expect(chain.history()[0]?.attempts[0]).toEqual({
      provider: "openai",
      model: "a",
      outcome: "failed",
      attempts: 1,
      reason: "HTTP 400 invalid_request_error: too long; not retryable",
    });
    expect(rejected.breaker.state()).toBe("closed");
  });

  it("rethrows errors that are not a provider's (an aborted call, a bug) without trying the next model", async () => {
    const next = link("b");
    const chain = createFallbackChatModel([link("a", new TypeError("bug")), next], options);
    await expect(chain.complete(REQUEST)).rejects.toThrow(TypeError);
    expect(chain.history()).toEqual([]);
  });

  it("lists models skipped when the chain was built in the error when every model fails", async () => {
    const ref = { provider: "openai", model: "a" } as const;
    const skipped = [
      {
        provider: "anthropic",
        model: "claude-haiku-4-5",
        outcome: "skipped",
        attempts: 0,
        reason: "ANTHROPIC_API_KEY is not set",
      },
    ] as const;
    const chain = createFallbackChatModel([link("a", new ProviderError(ref, 404, "HTTP 404"))], {
      ...options,
      skipped,
    });
    await expect(chain.complete(REQUEST)).rejects.toMatchObject({
      code: "all_models_failed",
      attempts: [skipped[0], expect.objectContaining({ model: "a", outcome: "failed" })],
    });
  });
});
