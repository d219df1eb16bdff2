import { describe, expect, it } from "vitest";
import { z } from "zod";
import { createFakeClock } from "../../../test/fakes/fake-clock.js";
import { BudgetGuard } from "../llm/budget-guard.js";
import { ModelChainError } from "../llm/model-chain-error.js";
import { lookupPrice } from "../llm/pricing.js";
import { type RunAgentOptions, runAgent } from "./loop.js";
import { createRedactor, REDACTED } from "./redactor.js";
import {
  createScriptedChatModel,
  type ScriptedAnswer,
  textTurn,
  toolTurn,
} from "./testing/scripted-chat-model.js";
import { defineTool } from "./tools/define-tool.js";
import { createFinishTool } from "./tools/finish.js";
import type { TranscriptEntry } from "./transcript.js";

const SECRET = "opaque-secret-value-42";
const LIMITS = { turns: 10, tokens: 1_000_000, usd: 10, minutes: 30 };
const executed: string[] = [];
const note = defineTool({
  name: "note",
  description: "Records a note.",
  args: z.object({ text: z.string() }),
  run: async ({ text }) => {
    executed.push(text);
    return { content: `noted ${text}` };
  },
});
const tools = [note, createFinishTool()];
const finish = (summary: string) => toolTurn([{ name: "finish", arguments: { summary } }]);
const noteCall = (text: string) => ({ name: "note", arguments: { text } });

function setup(
  script: ScriptedAnswer[],
  overrides: Partial<RunAgentOptions> & { limits?: typeof LIMITS } = {},
) {
  executed.length = 0;
  const clock = createFakeClock();
  const model = createScriptedChatModel(script);
  const logged: TranscriptEntry[] = [];
  const options: RunAgentOptions = {
    model,
    tools,
    guard: new BudgetGuard(overrides.limits ?? LIMITS, clock.now),
    prompt: {
      system: "You are a test agent.",
      firstUserMessage: "Do the thing.",
      cacheKey: "qp-test",
    },
    maxOutputTokens: 1_000,
    clock,
    redactor: createRedactor({ SERVICE_TOKEN: SECRET }),
    price: lookupPrice("claude-haiku-4-5").price,
    log: (entry) => logged.push(entry),
    ...overrides,
  };
  return { model, logged, run: () => runAgent(options) };
}

describe("runAgent", () => {
  it("runs tool calls in order, hands back their results, and stops at finish", async () => {
    const { model, run } = setup([toolTurn([noteCall("a"), noteCall("b")]), finish("All done.")]);
    const result = await run();
    expect(result).toMatchObject({ outcome: "finished", summary: "All done.", turns: 2 });
    expect(executed).toEqual(["a", "b"]);
    expect(model.requests[1]?.messages).toEqual([
      { role: "user", content: "Do the thing." },
      {
        role: "assistant",
        text: "",
        toolCalls: toolTurn([noteCall("a"), noteCall("b")]).toolCalls,
      },
      {
        role: "tool",
        results: [
          { toolCallId: "call_0", content: "noted a" },
          { toolCallId: "call_1", content: "noted b" },
        ],
      },
    ]);
    expect(result.transcript.map((e) => e.type)).toEqual([
      "prompt",
      "assistant",
      "tool",
      "tool",
      "assistant",
      "tool",
      "stop",
    ]);
  });

  it("sends the same system prompt, tools and cache key on every turn, with an abort signal", async () => {
    const { model, run } = setup([toolTurn([noteCall("a")]), finish("ok")]);
    await run();
    const [first, second] = model.requests;
    expect(second?.system).toBe(first?.system);
    expect(second?.tools).toEqual(first?.tools);
    expect(first).toMatchObject({
      cacheKey: "qp-test",
      maxOutputTokens: 1_000,
      signal: expect.any(AbortSignal),
    });
  });

  it("does not run calls after finish", async () => {
    const { run, logged } = setup([
      toolTurn([noteCall("a"), { name: "finish", arguments: { summary: "x" } }, noteCall("b")]),
    ]);
    await expect(run()).resolves.toMatchObject({ outcome: "finished", turns: 1 });
    expect(executed).toEqual(["a"]);
    expect(logged).toContainEqual(
      expect.objectContaining({ type: "note", text: "1 tool calls after finish were not run." }),
    );
  });

  it("stops cleanly before the turn that would exceed the turn limit", async () => {
    const { model, run } = setup(
      [toolTurn([noteCall("1")]), toolTurn([noteCall("2")]), finish("never")],
      {
        limits: { ...LIMITS, turns: 2 },
      },
    );
    const result = await run();
    expect(result).toMatchObject({ outcome: "limit", limitHit: "turns", turns: 2 });
    expect(result.summary).toContain("turn 3 would exceed the limit of 2 turns");
    expect(model.pending()).toBe(1);
  });

  it("stops before a call that could cross the token limit, without calling the model", async () => {
    const { model, run } = setup([finish("never")], { limits: { ...LIMITS, tokens: 500 } });
    await expect(run()).resolves.toMatchObject({ outcome: "limit", limitHit: "tokens", turns: 0 });
    expect(model.requests).toHaveLength(0);
  });

  it("aborts a model call when the wall clock runs out", async () => {
    const clock = createFakeClock();
    const guard = new BudgetGuard({ ...LIMITS, minutes: 1 }, clock.now, clock.now() - 59_950);
    const hang = (request: { signal?: AbortSignal }) =>
      new Promise<never>((_, reject) =>
        request.signal?.addEventListener("abort", () => reject(request.signal?.reason)),
      );
    const { run } = setup([hang], { guard });
    await expect(run()).resolves.toMatchObject({ outcome: "limit", limitHit: "minutes", turns: 0 });
  });

  it("fails with the reason when every model is down", async () => {
    const error = new ModelChainError("all_models_failed", [
      {
        provider: "anthropic",
        model: "claude-haiku-4-5",
        outcome: "failed",
        attempts: 3,
        reason: "HTTP 529",
      },
    ]);
    const { run } = setup([toolTurn([noteCall("a")]), error]);
    const result = await run();
    expect(result).toMatchObject({ outcome: "failed", turns: 1 });
    expect(result.summary).toContain(
      "Every model of the chain failed: anthropic claude-haiku-4-5: failed, HTTP 529",
    );
    expect(result.limitHit).toBeUndefined();
  });

  it("nudges a reply without tools once, then takes the next one as the summary", async () => {
    const { model, run } = setup([textTurn("Thinking…"), textTurn("I am done: it works.")]);
    await expect(run()).resolves.toMatchObject({
      outcome: "finished",
      summary: "I am done: it works.",
      turns: 2,
    });
    expect(model.requests[1]?.messages.at(-1)).toEqual({
      role: "user",
      content: expect.stringContaining("without calling a tool"),
    });
  });

  it("tells the model its reply was cut off, and goes on", async () => {
    const { model, run } = setup([textTurn("Here is the fi", "max_tokens"), finish("ok")]);
    await expect(run()).resolves.toMatchObject({ outcome: "finished", turns: 2 });
    expect(model.requests[1]?.messages.at(-1)).toEqual({
      role: "user",
      content: expect.stringContaining("cut off"),
    });
  });

  it("answers an unknown tool with an error result and goes on", async () => {
    const { model, run } = setup([
      toolTurn([{ name: "format_disk", arguments: {} }]),
      finish("ok"),
    ]);
    await run();
    expect(model.requests[1]?.messages.at(-1)).toEqual({
      role: "tool",
      results: [
        {
          toolCallId: "call_0",
          content: expect.stringContaining('Unknown tool "format_disk"'),
          isError: true,
        },
      ],
    });
  });

  it("sums usage per model, a fallback showing up as a second model", async () => {
    const { run } = setup([
      toolTurn([noteCall("a")]),
      toolTurn([noteCall("b")], "gpt-4.1"),
      finish("ok"),
    ]);
    const { usage } = await run();
    expect(usage).toEqual([
      expect.objectContaining({
        provider: "anthropic",
        model: "claude-haiku-4-5",
        calls: 2,
        inputTokens: 200,
        outputTokens: 20,
      }),
      expect.objectContaining({ model: "gpt-4.1", calls: 1, inputTokens: 100 }),
    ]);
    expect(usage[0]?.usd).toBeGreaterThan(0);
  });

  it("redacts secrets from the prompt, the transcript, the log and the summary", async () => {
    const { model, run, logged } = setup(
      [toolTurn([noteCall(`leak ${SECRET}`)]), finish(`summary with ${SECRET}`)],
      { prompt: { system: `system ${SECRET}`, firstUserMessage: `task ${SECRET}`, cacheKey: "k" } },
    );
    const result = await run();
    expect(result.summary).toBe(`summary with ${REDACTED}`);
    expect(model.requests[0]?.system).toBe(`system ${REDACTED}`);
    expect(JSON.stringify(model.requests)).not.toContain(SECRET);
    expect(JSON.stringify(result.transcript)).not.toContain(SECRET);
    expect(JSON.stringify(logged)).not.toContain(SECRET);
    expect(logged).toEqual(result.transcript);
  });
});
