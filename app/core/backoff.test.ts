import { expect, it } from "vitest";
import { backoffDelay } from "./backoff.js";

it.each([
  [1, 0, 500],
  [1, 1, 1000],
  [2, 0, 1000],
  [3, 1, 4000],
  [30, 1, 600_000],
])("attempt %i with jitter %d waits %d ms", (attempt, jitter, expected) => {
  expect(backoffDelay(attempt, { random: () => jitter })).toBe(expected);
});

it("never exceeds the cap and never goes below half the exponential step", () => {
  for (let attempt = 1; attempt < 40; attempt++) {
    const low = backoffDelay(attempt, { random: () => 0, capMs: 60_000 });
    const high = backoffDelay(attempt, { random: () => 0.999_999, capMs: 60_000 });
    expect(high).toBeLessThanOrEqual(60_000);
    expect(low).toBeGreaterThanOrEqual(Math.min(60_000, 1000 * 2 ** (attempt - 1)) / 2);
  }
});
