import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import {
  type FakeOpenAIServer,
  openaiError,
  openaiText,
  openaiToolCalls,
  startFakeOpenAIServer,
} from "../../../test/fakes/openai-server.js";
import { createOpenAIChatModel } from "./openai.js";
import { ProviderError } from "./provider-error.js";
import type { CompletionRequest, ToolDefinition } from "./types.js";

const API_KEY = "sk-test";
const readFile: ToolDefinition = {
  name: "read_file",
  description: "Read a file.",
  inputSchema: { type: "object", properties: { path: { type: "string" } }, required: ["path"] },
};

let openai: FakeOpenAIServer;
let local: FakeOpenAIServer; // an Ollama-like server: no key, sparse responses
beforeAll(async () => {
  openai = await startFakeOpenAIServer({ apiKey: API_KEY });
  local = await startFakeOpenAIServer();
});
afterAll(async () => {
  await openai.close();
  await local.close();
});
afterEach(() => {
  for (const server of [openai, local]) {
    expect(server.pending()).toBe(0);
    server.requests.length = 0;
  }
});

const gpt = () =>
  createOpenAIChatModel({
    provider: "openai",
    model: "gpt-4.1",
    apiKey: API_KEY,
    baseURL: openai.baseURL,
  });
const llama = () =>
  createOpenAIChatModel({
    provider: "openai-compatible",
    model: "llama3.1:8b",
    baseURL: local.baseURL,
    newId: () => "call_generated",
  });
const ask = (overrides: Partial<CompletionRequest> = {}): CompletionRequest => ({
  system: "You are the developer.",
  messages: [{ role: "user", content: "Read the README." }],
  tools: [readFile],
  maxOutputTokens: 512,
  ...overrides,
});
const bodyOf = (server: FakeOpenAIServer) =>
  server.requests.at(-1)?.body as Record<string, unknown>;

describe("the OpenAI adapter", () => {
  it("answers with text, reporting input tokens without the cached ones", async () => {
    openai.enqueue(openaiText("Done.", { usage: { prompt: 1200, completion: 30, cached: 1000 } }));
    await expect(gpt().complete(ask({ cacheKey: "stage-run-42" }))).resolves.toEqual({
      text: "Done.",
      toolCalls: [],
      stopReason: "end",
      usage: { inputTokens: 200, outputTokens: 30, cacheReadTokens: 1000, cacheWriteTokens: 0 },
      provider: "openai",
      model: "gpt-4.1-2025-04-14",
    });
    expect(openai.requests[0]?.path).toBe("/v1/chat/completions");
    expect(bodyOf(openai)).toEqual({
      model: "gpt-4.1",
      messages: [
        { role: "system", content: "You are the developer." },
        { role: "user", content: "Read the README." },
      ],
      tools: [
        {
          type: "function",
          function: {
            name: "read_file",
            description: readFile.description,
            parameters: readFile.inputSchema,
          },
        },
      ],
      max_completion_tokens: 512,
      prompt_cache_key: "stage-run-42",
    });
  });

  it("round-trips tool calls and their results", async () => {
    const calls = [
      { id: "call_a", name: "read_file", arguments: { path: "README.md" } },
      { id: "call_b", name: "read_file", arguments: { path: ".env" } },
    ];
    openai.enqueue(openaiToolCalls(calls), openaiText("Read one."));
    const first = await gpt().complete(ask());
    expect(first).toMatchObject({ stopReason: "tool_use", text: "", toolCalls: calls });
    await gpt().complete(
      ask({
        messages: [
          { role: "user", content: "Read the README." },
          { role: "assistant", text: first.text, toolCalls: first.toolCalls },
          {
            role: "tool",
            results: [
              { toolCallId: "call_a", content: "# Hello" },
              { toolCallId: "call_b", content: "refused: secret file", isError: true },
            ],
          },
        ],
      }),
    );
    expect((bodyOf(openai).messages as unknown[]).slice(2)).toEqual([
      {
        role: "assistant",
        content: null,
        tool_calls: calls.map((c) => ({
          id: c.id,
          type: "function",
          function: { name: c.name, arguments: JSON.stringify(c.arguments) },
        })),
      },
      { role: "tool", tool_call_id: "call_a", content: "# Hello" },
      { role: "tool", tool_call_id: "call_b", content: "Error: refused: secret file" },
    ]);
  });

  it("tolerates a compatible server's missing usage, missing ids and 'stop' with tool calls", async () => {
    const call = { id: null, name: "read_file", arguments: { path: "a.ts" } };
    local.enqueue(openaiToolCalls([call], { usage: null, finishReason: "stop" }));
    await expect(llama().complete(ask({ cacheKey: "ignored" }))).resolves.toMatchObject({
      stopReason: "tool_use",
      toolCalls: [{ id: "call_generated", name: "read_file", arguments: { path: "a.ts" } }],
      usage: { inputTokens: 0, outputTokens: 0, cacheReadTokens: 0, cacheWriteTokens: 0 },
      provider: "openai-compatible",
    });
    const request = local.requests[0];
    expect(request?.headers.authorization).toBeUndefined();
    expect(request?.body).toMatchObject({ model: "llama3.1:8b", max_tokens: 512 });
    expect(request?.body).not.toHaveProperty("prompt_cache_key");
    expect(request?.body).not.toHaveProperty("max_completion_tokens");
  });

  it("keeps arguments that are not JSON as the raw string and sends them back verbatim", async () => {
    local.enqueue(openaiToolCalls([{ id: "c1", name: "read_file", arguments: "{path: a.ts" }]));
    local.enqueue(openaiText("ok"));
    const first = await llama().complete(ask());
    expect(first.toolCalls[0]?.arguments).toBe("{path: a.ts");
    await llama().complete(
      ask({ messages: [{ role: "assistant", text: "", toolCalls: first.toolCalls }] }),
    );
    expect(bodyOf(local).messages).toContainEqual(
      expect.objectContaining({
        tool_calls: [
          expect.objectContaining({ function: { name: "read_file", arguments: "{path: a.ts" } }),
        ],
      }),
    );
  });

  it("reports a reply cut off by the token limit", async () => {
    openai.enqueue(openaiText("Part", { finishReason: "length" }));
    await expect(gpt().complete(ask())).resolves.toMatchObject({ stopReason: "max_tokens" });
  });

  it("turns an HTTP error into a ProviderError, without retrying", async () => {
    openai.enqueue(openaiError(500, { message: "The server had an error" }));
    const error = await gpt()
      .complete(ask())
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ProviderError);
    expect(error).toMatchObject({
      status: 500,
      retryable: true,
      detail: "HTTP 500 server_error: The server had an error",
    });
    expect(openai.requests).toHaveLength(1);
  });

  it("reports a proxy's non-JSON error page by its text", async () => {
    local.enqueue({ status: 502, body: undefined, raw: "<html>502 Bad Gateway</html>" });
    await expect(llama().complete(ask())).rejects.toMatchObject({
      status: 502,
      detail: "HTTP 502: <html>502 Bad Gateway</html>",
    });
  });
});
