import { describe, expect, it } from "vitest";
import { createFakeClock } from "../../../test/fakes/fake-clock.js";
import { parseRetryAfter } from "./parse-retry-after.js";
import { ProviderError } from "./provider-error.js";
import { DEFAULT_RETRY_POLICY, withRetry } from "./retry.js";

const ref = { provider: "openai", model: "gpt-4.1" } as const;
const failure = (status: number | undefined, retryAfter = {}) =>
  new ProviderError(ref, status, `HTTP ${status}`, retryAfter);

/** An attempt function that throws the given errors in turn, then returns "ok". */
function script(...errors: Error[]) {
  let calls = 0;
  const attempt = async () => {
    const error = errors[calls++];
    if (error) throw error;
    return "ok";
  };
  return { attempt, calls: () => calls };
}

describe("parseRetryAfter", () => {
  const now = Date.UTC(2025, 0, 1);
  it("prefers retry-after-ms, then reads seconds or an HTTP date", () => {
    expect(parseRetryAfter({ retryAfterMs: "1500", retryAfter: "9" }, now)).toBe(1500);
    expect(parseRetryAfter({ retryAfter: "2" }, now)).toBe(2000);
    expect(parseRetryAfter({ retryAfter: new Date(now + 30_000).toUTCString() }, now)).toBe(30_000);
  });

  it("ignores what it cannot read and never goes negative", () => {
    expect(parseRetryAfter({}, now)).toBeUndefined();
    expect(parseRetryAfter({ retryAfter: "soon" }, now)).toBeUndefined();
    expect(parseRetryAfter({ retryAfter: "-3" }, now)).toBe(0);
  });
});

describe("withRetry", () => {
  it("waits as long as retry-after says", async () => {
    const clock = createFakeClock();
    const { attempt } = script(
      failure(429, { retryAfter: "3" }),
      failure(503, { retryAfterMs: "250" }),
    );
    const result = await withRetry(attempt, DEFAULT_RETRY_POLICY, { clock, random: () => 0 });
    expect(result).toEqual({ ok: true, value: "ok", attempts: 3 });
    expect(clock.sleeps).toEqual([3000, 250]);
  });

  it("backs off exponentially with jitter when no retry-after is given", async () => {
    const low = createFakeClock();
    const high = createFakeClock();
    const errors = () => [failure(500), failure(502), failure(529)];
    await withRetry(script(...errors()).attempt, DEFAULT_RETRY_POLICY, {
      clock: low,
      random: () => 0,
    });
    await withRetry(script(...errors()).attempt, DEFAULT_RETRY_POLICY, {
      clock: high,
      random: () => 1,
    });
    expect(low.sleeps).toEqual([250, 500, 1000]);
    expect(high.sleeps).toEqual([500, 1000, 2000]);
  });

  it("gives up after the last attempt with the last error", async () => {
    const clock = createFakeClock();
    const { attempt, calls } = script(...Array.from({ length: 9 }, () => failure(undefined)));
    const result = await withRetry(attempt, DEFAULT_RETRY_POLICY, { clock, random: () => 0.5 });
    expect(result).toMatchObject({
      ok: false,
      attempts: 4,
      stoppedBecause: "gave up after 4 attempts",
    });
    expect(calls()).toBe(4);
  });

  it("does not wait for a retry-after beyond the cap: the chain moves on instead", async () => {
    const clock = createFakeClock();
    const { attempt } = script(failure(429, { retryAfter: "600" }));
    const result = await withRetry(attempt, DEFAULT_RETRY_POLICY, { clock, random: () => 0 });
    expect(result).toMatchObject({
      ok: false,
      attempts: 1,
      stoppedBecause: "retry-after of 600 s exceeds the 60 s cap",
    });
    expect(clock.sleeps).toEqual([]);
  });

  it("does not retry client errors, other errors, or when told to stop", async () => {
    const deps = { clock: createFakeClock(), random: () => 0 };
    const bad = await withRetry(script(failure(400)).attempt, DEFAULT_RETRY_POLICY, deps);
    expect(bad).toMatchObject({ ok: false, attempts: 1, stoppedBecause: "not retryable" });
    const bug = await withRetry(script(new TypeError("x")).attempt, DEFAULT_RETRY_POLICY, deps);
    expect(bug).toMatchObject({ ok: false, stoppedBecause: "not a provider error" });
    const canContinue = () => "circuit open";
    const open = await withRetry(script(failure(503)).attempt, DEFAULT_RETRY_POLICY, {
      ...deps,
      canContinue,
    });
    expect(open).toMatchObject({ ok: false, attempts: 1, stoppedBecause: "circuit open" });
  });
});
