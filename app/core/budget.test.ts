import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  addUsage,
  addUsd,
  canAfford,
  canAffordTokens,
  fromMicros,
  NO_USAGE,
  remainingUsd,
  toMicros,
  totalTokens,
} from "./budget.js";

const micros = fc.integer({ min: 0, max: 1_000_000_000_000 });
const usd = micros.map(fromMicros);

describe("toMicros / fromMicros", () => {
  it.each([
    [0, 0],
    [0.1, 100_000],
    [1, 1_000_000],
    [12.345678, 12_345_678],
    [0.0000004, 0],
    [0.0000005, 1],
  ])("%s USD is %s micro-dollars", (amount, expected) => {
    expect(toMicros(amount)).toBe(expected);
  });

  it.each([-0.01, Number.NaN, Number.POSITIVE_INFINITY])("refuses %s", (amount) => {
    expect(() => toMicros(amount)).toThrow(RangeError);
  });

  it("round-trips every micro-dollar amount", () => {
    fc.assert(fc.property(micros, (m) => toMicros(fromMicros(m)) === m));
  });
});

describe("addUsd", () => {
  it("adds without float drift", () => {
    expect(0.1 + 0.2).not.toBe(0.3);
    expect(addUsd(0.1, 0.2)).toBe(0.3);
  });

  it("ten thousand one-cent charges make exactly 100 USD", () => {
    let total = 0;
    for (let i = 0; i < 10_000; i++) total = addUsd(total, 0.01);
    expect(total).toBe(100);
  });

  it("is commutative and associative to the micro-dollar", () => {
    fc.assert(
      fc.property(usd, usd, usd, (a, b, c) => {
        expect(addUsd(a, b)).toBe(addUsd(b, a));
        expect(addUsd(addUsd(a, b), c)).toBe(addUsd(a, addUsd(b, c)));
      }),
    );
  });
});

describe("canAfford", () => {
  it.each([
    { spent: 0, cap: 5, budget: 50, ok: true },
    { spent: 45, cap: 5, budget: 50, ok: true },
    { spent: 45.000001, cap: 5, budget: 50, ok: false },
    { spent: 0.1, cap: 0.2, budget: 0.3, ok: true },
    { spent: 50, cap: 0, budget: 50, ok: true },
    { spent: 60, cap: 1, budget: 50, ok: false },
  ])("spent $spent + cap $cap within $budget: $ok", ({ spent, cap, budget, ok }) => {
    expect(canAfford(spent, cap, budget)).toBe(ok);
  });

  it("holds exactly when the sum fits", () => {
    fc.assert(
      fc.property(micros, micros, micros, (s, c, b) => {
        expect(canAfford(fromMicros(s), fromMicros(c), fromMicros(b))).toBe(s + c <= b);
      }),
    );
  });
});

describe("remainingUsd", () => {
  it("is what is left, never below zero", () => {
    expect(remainingUsd(0.3, 1)).toBe(0.7);
    expect(remainingUsd(2, 1)).toBe(0);
  });
});

describe("usage", () => {
  const call = {
    inputTokens: 1000,
    outputTokens: 200,
    cacheReadTokens: 30,
    cacheWriteTokens: 4,
    usd: 0.1,
  };

  it("sums tokens and dollars", () => {
    const twice = addUsage(addUsage(NO_USAGE, call), { ...call, usd: 0.2 });
    expect(twice).toEqual({
      inputTokens: 2000,
      outputTokens: 400,
      cacheReadTokens: 60,
      cacheWriteTokens: 8,
      usd: 0.3,
    });
    expect(totalTokens(twice)).toBe(2468);
  });

  it("checks a token budget, which may be unset", () => {
    expect(canAffordTokens(900, 100, 1000)).toBe(true);
    expect(canAffordTokens(901, 100, 1000)).toBe(false);
    expect(canAffordTokens(10 ** 12, 1, undefined)).toBe(true);
  });
});
