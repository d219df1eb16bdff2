import { describe, expect, it } from "vitest";
import { createAnthropicPromptCache } from "./anthropic-prompt-cache.js";
import { createOpenAIPromptCache } from "./openai-prompt-cache.js";

const EPHEMERAL = { type: "ephemeral" };
const words = (n: number, word = "stable") => `${word} `.repeat(n); // 7 characters each
const user = (text: string, mark = false) => ({
  role: "user",
  content: [{ type: "text", text, ...(mark ? { cache_control: EPHEMERAL } : {}) }],
});
const assistant = (text: string) => ({ role: "assistant", content: [{ type: "text", text }] });

function anthropicTurns(system: string) {
  const head = {
    model: "claude-sonnet-4-5",
    system: [{ type: "text", text: system, cache_control: EPHEMERAL }],
  };
  return {
    first: { ...head, messages: [user("task", true)] },
    second: { ...head, messages: [user("task"), assistant("ok"), user("more", true)] },
  };
}

describe("the Anthropic prompt cache", () => {
  it("writes the prefix up to the last breakpoint, then reads it on the next turn", () => {
    const cache = createAnthropicPromptCache();
    const { first, second } = anthropicTurns(words(1_000));
    const one = cache.account(first);
    expect(one).toMatchObject({ cacheRead: 0, input: 0 });
    expect(one.cacheWrite).toBeGreaterThan(1_700);
    const two = cache.account(second);
    // The breakpoint moved from "task" to "more": the first turn's whole prompt is read.
    expect(two.cacheRead).toBe(one.cacheWrite);
    expect(two.cacheWrite).toBeGreaterThan(0);
    expect(two.input).toBe(0);
  });

  it("caches nothing under the minimum length, and nothing without a breakpoint", () => {
    const cache = createAnthropicPromptCache();
    const { first, second } = anthropicTurns(words(100));
    expect(cache.account(first)).toMatchObject({ cacheRead: 0, cacheWrite: 0 });
    expect(cache.account(second)).toMatchObject({ cacheRead: 0, cacheWrite: 0 });
    const plain = { model: "m", system: words(1_000), messages: [user("x")] };
    expect(cache.account(plain)).toMatchObject({ cacheRead: 0, cacheWrite: 0 });
    expect(cache.account(plain).input).toBeGreaterThan(1_700);
  });

  it("misses when an earlier block changed, or the model is another", () => {
    const cache = createAnthropicPromptCache();
    cache.account(anthropicTurns(words(1_000)).first);
    expect(cache.account(anthropicTurns(words(1_000, "other")).second).cacheRead).toBe(0);
    const otherModel = { ...anthropicTurns(words(1_000)).second, model: "claude-haiku-4-5" };
    expect(cache.account(otherModel).cacheRead).toBe(0);
  });
});

describe("the OpenAI prompt cache", () => {
  const request = (system: string, rest: object[] = [], key?: string) => ({
    model: "gpt-4.1",
    messages: [{ role: "system", content: system }, ...rest],
    ...(key === undefined ? {} : { prompt_cache_key: key }),
  });

  it("reads the shared prefix in 128-token steps after the first 1,024 tokens", () => {
    const cache = createOpenAIPromptCache();
    const first = cache.account(request(words(1_000), [], "k"));
    expect(first.cached).toBe(0);
    const second = cache.account(request(words(1_000), [{ role: "user", content: "more" }], "k"));
    expect(second.prompt).toBeGreaterThan(first.prompt);
    expect(second.cached).toBeGreaterThanOrEqual(1_024);
    expect((second.cached - 1_024) % 128).toBe(0);
    expect(second.cached).toBeLessThanOrEqual(first.prompt);
    expect(first.prompt - second.cached).toBeLessThan(128 + 2);
  });

  it("caches nothing when the shared prefix is short or the cache key differs", () => {
    const cache = createOpenAIPromptCache();
    cache.account(request(words(100), [], "k"));
    expect(cache.account(request(words(100), [{ role: "user", content: "x" }], "k")).cached).toBe(
      0,
    );
    cache.account(request(words(1_000), [], "a"));
    expect(cache.account(request(words(1_000), [], "b")).cached).toBe(0);
    expect(cache.account(request(words(1_000), [], "a")).cached).toBeGreaterThan(1_024);
  });

  it("misses when the opening differs (task first)", () => {
    const cache = createOpenAIPromptCache();
    cache.account(request(`Task one. ${words(1_000)}`));
    expect(cache.account(request(`Task two. ${words(1_000)}`)).cached).toBe(0);
  });
});
