import { describe, expect, it } from "vitest";
import { z } from "zod";
import { createRedactor, REDACTED } from "../redactor.js";
import { defineTool } from "./define-tool.js";
import { executeToolCall } from "./execute-tool-call.js";
import { createFinishTool } from "./finish.js";

const SECRET = "opaque-secret-value-42";
const redactor = createRedactor({ SERVICE_TOKEN: SECRET });
const echo = defineTool({
  name: "echo",
  description: "Echo text.",
  args: z.object({
    text: z.string().describe("What to echo."),
    times: z.int().positive().default(1),
  }),
  run: async ({ text, times }) => ({ content: text.repeat(times) }),
});
const broken = defineTool({
  name: "broken",
  description: "Always throws.",
  args: z.object({}),
  run: async () => {
    throw new Error(`disk on fire near ${SECRET}`);
  },
});
const tools = [echo, broken, createFinishTool()];
const call = (name: string, args: unknown) =>
  executeToolCall(
    tools,
    { id: "call_1", name, arguments: args },
    redactor,
    new AbortController().signal,
  );

describe("a tool's definition", () => {
  it("is generated from its zod schema, defaults optional, without $schema", () => {
    expect(echo.definition).toEqual({
      name: "echo",
      description: "Echo text.",
      inputSchema: {
        type: "object",
        properties: {
          text: { type: "string", description: "What to echo." },
          times: {
            type: "integer",
            exclusiveMinimum: 0,
            maximum: Number.MAX_SAFE_INTEGER,
            default: 1,
          },
        },
        required: ["text"],
      },
    });
  });
});

describe("executeToolCall", () => {
  it("runs the tool with parsed arguments", async () => {
    await expect(call("echo", { text: "ab", times: 2 })).resolves.toEqual({
      result: { toolCallId: "call_1", content: "abab" },
    });
  });

  it("redacts every result", async () => {
    await expect(call("echo", { text: `x${SECRET}x` })).resolves.toEqual({
      result: { toolCallId: "call_1", content: `x${REDACTED}x` },
    });
  });

  it("answers an unknown tool with the list of tools", async () => {
    await expect(call("rm_rf", {})).resolves.toEqual({
      result: {
        toolCallId: "call_1",
        content: 'Unknown tool "rm_rf". Available tools: echo, broken, finish.',
        isError: true,
      },
    });
  });

  it("answers arguments that are not JSON, or of the wrong shape, without running the tool", async () => {
    const notJson = await call("echo", '{"text": ');
    expect(notJson.result).toMatchObject({
      isError: true,
      content: expect.stringContaining("not valid JSON"),
    });
    const wrong = await call("echo", { text: 3 });
    expect(wrong.result).toMatchObject({ isError: true, content: expect.stringContaining("text") });
  });

  it("turns a throwing tool into an error result, redacted", async () => {
    await expect(call("broken", {})).resolves.toEqual({
      result: {
        toolCallId: "call_1",
        content: `broken failed: disk on fire near ${REDACTED}`,
        isError: true,
      },
    });
  });

  it("carries finish's summary, redacted", async () => {
    await expect(call("finish", { summary: `done, key ${SECRET}` })).resolves.toEqual({
      result: { toolCallId: "call_1", content: "Finished." },
      finish: { summary: `done, key ${REDACTED}` },
    });
  });
});
