import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import {
  anthropicError,
  anthropicText,
  anthropicToolUse,
  type FakeAnthropicServer,
  startFakeAnthropicServer,
} from "../../../test/fakes/anthropic-server.js";
import { createAnthropicChatModel } from "./anthropic.js";
import { ProviderError } from "./provider-error.js";
import type { CompletionRequest, ToolDefinition } from "./types.js";

const API_KEY = "sk-ant-test";
const EPHEMERAL = { type: "ephemeral" };
const listFiles: ToolDefinition = {
  name: "list_files",
  description: "List files under a directory.",
  inputSchema: { type: "object", properties: { dir: { type: "string" } } },
};
const readFile: ToolDefinition = {
  name: "read_file",
  description: "Read a file.",
  inputSchema: { type: "object", properties: { path: { type: "string" } }, required: ["path"] },
};

let server: FakeAnthropicServer;
beforeAll(async () => {
  server = await startFakeAnthropicServer({ apiKey: API_KEY });
});
afterAll(() => server.close());
afterEach(() => {
  expect(server.pending()).toBe(0);
  server.requests.length = 0;
});

const model = () =>
  createAnthropicChatModel({ model: "claude-haiku-4-5", apiKey: API_KEY, baseURL: server.baseURL });
const ask = (overrides: Partial<CompletionRequest> = {}): CompletionRequest => ({
  system: "You are the developer.",
  messages: [{ role: "user", content: "Read the README." }],
  tools: [listFiles, readFile],
  maxOutputTokens: 1024,
  ...overrides,
});
const lastBody = () => server.requests.at(-1)?.body as Record<string, unknown>;

describe("the Anthropic adapter", () => {
  it("answers with text and maps usage, cache tokens included", async () => {
    const usage = { input: 12, output: 5, cacheRead: 3000, cacheWrite: 200 };
    server.enqueue(anthropicText("Done.", { usage }));
    await expect(model().complete(ask({ tools: [] }))).resolves.toEqual({
      text: "Done.",
      toolCalls: [],
      stopReason: "end",
      usage: { inputTokens: 12, outputTokens: 5, cacheReadTokens: 3000, cacheWriteTokens: 200 },
      provider: "anthropic",
      model: "claude-haiku-4-5-20251001",
    });
    expect(server.requests[0]?.path).toBe("/v1/messages");
    expect(lastBody()).toMatchObject({ model: "claude-haiku-4-5", max_tokens: 1024 });
    expect(lastBody()).not.toHaveProperty("tools");
  });

  it("leaves out an empty system prompt, which the API would refuse", async () => {
    server.enqueue(anthropicText("ok"));
    await model().complete(ask({ system: "" }));
    expect(lastBody()).not.toHaveProperty("system");
  });

  it("marks the stable prefix and the latest user turn as cache breakpoints", async () => {
    server.enqueue(anthropicText("ok"));
    await model().complete(ask());
    const body = lastBody();
    expect(body.system).toEqual([
      { type: "text", text: "You are the developer.", cache_control: EPHEMERAL },
    ]);
    expect(body.tools).toEqual([
      {
        name: "list_files",
        description: listFiles.description,
        input_schema: listFiles.inputSchema,
      },
      { ...toWire(readFile), cache_control: EPHEMERAL },
    ]);
    expect(body.messages).toEqual([
      {
        role: "user",
        content: [{ type: "text", text: "Read the README.", cache_control: EPHEMERAL }],
      },
    ]);
  });

  it("round-trips a tool call and its result", async () => {
    const call = { id: "toolu_01", name: "read_file", input: { path: "README.md" } };
    server.enqueue(anthropicToolUse([call], { text: "Reading it." }), anthropicText("It greets."));
    const first = await model().complete(ask());
    expect(first).toMatchObject({
      text: "Reading it.",
      stopReason: "tool_use",
      toolCalls: [{ id: "toolu_01", name: "read_file", arguments: { path: "README.md" } }],
    });
    const second = await model().complete(
      ask({
        messages: [
          { role: "user", content: "Read the README." },
          { role: "assistant", text: first.text, toolCalls: first.toolCalls },
          { role: "tool", results: [{ toolCallId: "toolu_01", content: "# Hello" }] },
        ],
      }),
    );
    expect(second.text).toBe("It greets.");
    expect(lastBody().messages).toEqual([
      { role: "user", content: [{ type: "text", text: "Read the README." }] },
      {
        role: "assistant",
        content: [
          { type: "text", text: "Reading it." },
          { type: "tool_use", ...call },
        ],
      },
      {
        role: "user",
        content: [
          {
            type: "tool_result",
            tool_use_id: "toolu_01",
            content: "# Hello",
            cache_control: EPHEMERAL,
          },
        ],
      },
    ]);
  });

  it("merges tool results and a user note into one user turn, flagging errors", async () => {
    server.enqueue(anthropicText("ok"));
    await model().complete(
      ask({
        messages: [
          { role: "user", content: "Go." },
          {
            role: "assistant",
            text: "",
            toolCalls: [{ id: "call.1", name: "read_file", arguments: "{bad" }],
          },
          {
            role: "tool",
            results: [{ toolCallId: "call.1", content: "no such file", isError: true }],
          },
          { role: "user", content: "Budget: 3 turns left." },
        ],
      }),
    );
    expect(lastBody().messages).toEqual([
      { role: "user", content: [{ type: "text", text: "Go." }] },
      {
        role: "assistant",
        content: [{ type: "tool_use", id: "call_1", name: "read_file", input: {} }],
      },
      {
        role: "user",
        content: [
          { type: "tool_result", tool_use_id: "call_1", content: "no such file", is_error: true },
          { type: "text", text: "Budget: 3 turns left.", cache_control: EPHEMERAL },
        ],
      },
    ]);
  });

  it("reports a reply cut off by max_tokens", async () => {
    server.enqueue(anthropicText("Partial", { stopReason: "max_tokens" }));
    await expect(model().complete(ask())).resolves.toMatchObject({ stopReason: "max_tokens" });
  });

  it("turns an HTTP error into a ProviderError with the status and retry-after, without retrying", async () => {
    server.enqueue(anthropicError(429, "rate_limit_error", "Slow down", { "retry-after": "7" }));
    const error = await model()
      .complete(ask())
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ProviderError);
    expect(error).toMatchObject({
      status: 429,
      retryable: true,
      retryAfter: { retryAfter: "7" },
      detail: "HTTP 429 rate_limit_error: Slow down",
    });
    expect(server.requests).toHaveLength(1);
  });
});

function toWire(tool: ToolDefinition) {
  return { name: tool.name, description: tool.description, input_schema: tool.inputSchema };
}
