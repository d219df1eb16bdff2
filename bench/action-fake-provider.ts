import { createAnthropicChatModel } from "../action/src/llm/anthropic.js";
import { createOpenAIChatModel } from "../action/src/llm/openai.js";
import type { ChatModel } from "../action/src/llm/types.js";
import { anthropicToolUse, startFakeAnthropicServer } from "../test/fakes/anthropic-server.js";
import { openaiToolCalls, startFakeOpenAIServer } from "../test/fakes/openai-server.js";
import type { ScriptedServer } from "../test/fakes/scripted-server.js";
import { TEN_TURNS } from "./action-ten-turns.js";

const API_KEY = "sk-bench-key";

/** The providers the token-economy bench speaks to, each through its real SDK. */
export type Provider = "anthropic" | "openai";

/** A fake provider that requires the bench's API key. */
export async function startFake(provider: Provider): Promise<ScriptedServer> {
  return provider === "anthropic"
    ? startFakeAnthropicServer({ apiKey: API_KEY })
    : startFakeOpenAIServer({ apiKey: API_KEY });
}

/** A chat model on the real SDK of `provider`, at `origin`. */
export function modelFor(provider: Provider, origin: string): ChatModel {
  return provider === "anthropic"
    ? createAnthropicChatModel({ model: "claude-sonnet-4-0", apiKey: API_KEY, baseURL: origin })
    : createOpenAIChatModel({
        provider: "openai",
        model: "gpt-4.1",
        apiKey: API_KEY,
        baseURL: `${origin}/v1`,
      });
}

/** Queues the ten scripted replies of run `run` (ids unique across runs). */
export function script(provider: Provider, server: ScriptedServer, run: number): void {
  for (const [turn, call] of TEN_TURNS.entries()) {
    const id = `call_${run}_${turn}`;
    server.enqueue(
      provider === "anthropic"
        ? anthropicToolUse([{ id, name: call.name, input: call.input }])
        : openaiToolCalls([{ id, name: call.name, arguments: call.input }]),
    );
  }
}
