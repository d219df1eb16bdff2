import { describe, expect, it } from "vitest";
import { toAnthropicParams } from "../../action/src/llm/anthropic-request.js";
import { toOpenAIParams } from "../../action/src/llm/openai-request.js";
import type { CompletionRequest, Message } from "../../action/src/llm/types.js";
import { createAnthropicPromptCache } from "./anthropic-prompt-cache.js";
import { createOpenAIPromptCache } from "./openai-prompt-cache.js";

// The action's own request builders, turn after turn: the fakes' caches must see their prefix reused.
const TOOLS = [
  { name: "read_file", description: "Reads a file.", inputSchema: { type: "object" as const } },
  { name: "finish", description: "Ends the run.", inputSchema: { type: "object" as const } },
];
const SYSTEM = "You are the developer. Conventions follow. ".repeat(200);

function turns(count: number, task = "Add greet()."): CompletionRequest[] {
  const messages: Message[] = [{ role: "user", content: task }];
  const requests: CompletionRequest[] = [];
  for (let turn = 0; turn < count; turn++) {
    requests.push({
      system: SYSTEM,
      messages: [...messages],
      tools: TOOLS,
      maxOutputTokens: 1_000,
      cacheKey: "qp-key",
    });
    const call = { id: `call_${turn}`, name: "read_file", arguments: { path: `f${turn}` } };
    messages.push({ role: "assistant", text: "", toolCalls: [call] });
    messages.push({
      role: "tool",
      results: [{ toolCallId: call.id, content: `line ${turn}\n`.repeat(40) }],
    });
  }
  return requests;
}

describe("the action's requests against the fakes' prompt caches", () => {
  it("Anthropic: every turn after the first reads the previous turn's prompt", () => {
    const cache = createAnthropicPromptCache();
    const accounts = turns(5).map((request) =>
      cache.account(toAnthropicParams("claude-sonnet-4-0", request)),
    );
    expect(accounts[0]?.cacheRead).toBe(0);
    for (const [turn, account] of accounts.entries()) {
      if (turn === 0) continue;
      const previous = accounts[turn - 1];
      const previousTotal =
        (previous?.input ?? 0) + (previous?.cacheRead ?? 0) + (previous?.cacheWrite ?? 0);
      expect(account.cacheRead).toBe(previousTotal);
    }
  });

  it("OpenAI: every turn after the first reads the system prompt and more, under one cache key", () => {
    const cache = createOpenAIPromptCache();
    const params = turns(4).map((request) =>
      toOpenAIParams("gpt-4.1", request, { official: true }),
    );
    expect(params[0]?.prompt_cache_key).toBe("qp-key");
    const accounts = params.map((request) => cache.account(request));
    expect(accounts[0]?.cached).toBe(0);
    for (const account of accounts.slice(1))
      expect(account.cached / account.prompt).toBeGreaterThan(0.8);
  });

  it("a different task in the system prompt's place reads nothing from the OpenAI cache", () => {
    const cache = createOpenAIPromptCache();
    const first = turns(1)[0] as CompletionRequest;
    cache.account(
      toOpenAIParams("gpt-4.1", { ...first, system: `Task A. ${SYSTEM}` }, { official: false }),
    );
    const other = toOpenAIParams(
      "gpt-4.1",
      { ...first, system: `Task B. ${SYSTEM}` },
      { official: false },
    );
    expect(cache.account(other).cached).toBe(0);
  });
});
