import { describe, expect, it } from "vitest";
import { createFakeClock } from "../../../test/fakes/fake-clock.js";
import { BudgetGuard } from "./budget-guard.js";
import { estimateInputTokens } from "./estimate-input-tokens.js";
import { lookupPrice } from "./pricing.js";

const LIMITS = { usd: 1, tokens: 100_000, turns: 3, minutes: 10 };
// $3 in, $15 out, $3.75 cache write per million.
const PRICE = lookupPrice("claude-sonnet-4-5").price;
const SMALL = { inputTokens: 1_000, maxOutputTokens: 1_000, price: PRICE };
const used = (tokens: number) => ({
  inputTokens: tokens,
  outputTokens: 0,
  cacheReadTokens: 0,
  cacheWriteTokens: 0,
});

function guard() {
  const clock = createFakeClock();
  return { clock, guard: new BudgetGuard(LIMITS, clock.now) };
}

describe("BudgetGuard", () => {
  it("lets a call go while every limit has room", () => {
    expect(guard().guard.check(SMALL)).toEqual({ stop: false });
  });

  it("stops before the turn that would exceed the turn limit", () => {
    const { guard: g } = guard();
    for (let i = 0; i < 3; i++) g.record(used(10), 0);
    expect(g.check(SMALL)).toEqual({
      stop: true,
      limit: "turns",
      message:
        "Stopped before the next model call: turn 4 would exceed the limit of 3 turns (budgets.stage_run.turns).",
    });
  });

  it("stops before a call whose prompt and full output could cross the token limit", () => {
    const { guard: g } = guard();
    g.record(used(90_000), 0);
    expect(g.check({ ...SMALL, inputTokens: 5_000, maxOutputTokens: 5_000 })).toEqual({
      stop: false,
    });
    expect(g.check({ ...SMALL, inputTokens: 5_000, maxOutputTokens: 5_001 })).toMatchObject({
      stop: true,
      limit: "tokens",
    });
  });

  it("stops before a call that could cross the USD limit, pricing the prompt as a cache write", () => {
    const { guard: g } = guard();
    g.record(used(1), 0.9);
    // 10,000 × $3.75 + 4,000 × $15 per million = $0.0975: fits under $0.10 left.
    expect(g.check({ inputTokens: 10_000, maxOutputTokens: 4_000, price: PRICE })).toEqual({
      stop: false,
    });
    const verdict = g.check({ inputTokens: 10_000, maxOutputTokens: 5_000, price: PRICE });
    expect(verdict).toMatchObject({ stop: true, limit: "usd" });
    expect(verdict.stop && verdict.message).toContain(
      "may cost up to $0.1125, and $0.9000 of the $1.0000",
    );
  });

  it("stops when the wall clock has run out, and says how much time is left before that", () => {
    const { clock, guard: g } = guard();
    clock.advance(9 * 60_000);
    expect(g.remainingMs()).toBe(60_000);
    expect(g.check(SMALL)).toEqual({ stop: false });
    clock.advance(60_000);
    expect(g.check(SMALL)).toMatchObject({ stop: true, limit: "minutes" });
    expect(g.remainingMs()).toBe(0);
  });

  it("adds up what each call used", () => {
    const { clock, guard: g } = guard();
    g.record(
      { inputTokens: 10, outputTokens: 20, cacheReadTokens: 300, cacheWriteTokens: 40 },
      0.25,
    );
    g.record(used(5), 0.5);
    clock.advance(1_500);
    expect(g.spent()).toEqual({ turns: 2, tokens: 375, usd: 0.75, elapsedMs: 1_500 });
  });
});

describe("estimateInputTokens", () => {
  it("over-estimates at three characters per token, tools and tool traffic included", () => {
    const tools = [{ name: "t", description: "d", inputSchema: { type: "object" as const } }];
    const request = {
      system: "x".repeat(300),
      messages: [
        { role: "user" as const, content: "y".repeat(30) },
        { role: "tool" as const, results: [{ toolCallId: "id", content: "z".repeat(28) }] },
      ],
      tools,
      maxOutputTokens: 1,
    };
    const chars = 300 + JSON.stringify(tools).length + 30 + 30;
    expect(estimateInputTokens(request)).toBe(Math.ceil(chars / 3));
  });
});
