import { describe, expect, it } from "vitest";
import { createFakeClock } from "../../../test/fakes/fake-clock.js";
import { CircuitBreaker } from "./circuit-breaker.js";

function breaker() {
  const clock = createFakeClock();
  return {
    clock,
    breaker: new CircuitBreaker({ failureThreshold: 3, cooldownMs: 10_000 }, clock.now),
  };
}

describe("CircuitBreaker", () => {
  it("opens after the threshold of consecutive failures and refuses calls", () => {
    const { breaker: b } = breaker();
    b.recordFailure();
    b.recordFailure();
    expect(b.state()).toBe("closed");
    expect(b.allowRequest()).toBe(true);
    b.recordFailure();
    expect(b.state()).toBe("open");
    expect(b.allowRequest()).toBe(false);
    expect(b.describe()).toBe(
      "circuit open after 3 consecutive failures, until 2025-01-01T00:00:10.000Z",
    );
  });

  it("counts only consecutive failures", () => {
    const { breaker: b } = breaker();
    b.recordFailure();
    b.recordFailure();
    b.recordSuccess();
    b.recordFailure();
    b.recordFailure();
    expect(b.state()).toBe("closed");
  });

  it("half-opens after the cooldown and lets exactly one trial call through", () => {
    const { clock, breaker: b } = breaker();
    for (let i = 0; i < 3; i++) b.recordFailure();
    clock.advance(9_999);
    expect(b.allowRequest()).toBe(false);
    clock.advance(1);
    expect(b.state()).toBe("half-open");
    expect(b.allowRequest()).toBe(true);
    expect(b.allowRequest()).toBe(false);
  });

  it("closes when the trial succeeds", () => {
    const { clock, breaker: b } = breaker();
    for (let i = 0; i < 3; i++) b.recordFailure();
    clock.advance(10_000);
    b.allowRequest();
    b.recordSuccess();
    expect(b.state()).toBe("closed");
    expect(b.describe()).toBeUndefined();
  });

  it("re-opens for another cooldown when the trial fails", () => {
    const { clock, breaker: b } = breaker();
    for (let i = 0; i < 3; i++) b.recordFailure();
    clock.advance(10_000);
    b.allowRequest();
    b.recordFailure();
    expect(b.state()).toBe("open");
    clock.advance(10_000);
    expect(b.allowRequest()).toBe(true);
  });

  it("frees the trial slot after a cooldown when the trial never reports", () => {
    const { clock, breaker: b } = breaker();
    for (let i = 0; i < 3; i++) b.recordFailure();
    clock.advance(10_000);
    expect(b.allowRequest()).toBe(true);
    clock.advance(10_000);
    expect(b.allowRequest()).toBe(true);
  });
});
