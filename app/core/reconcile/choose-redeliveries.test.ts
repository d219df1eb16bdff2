import { describe, expect, it } from "vitest";
import {
  chooseRedeliveries,
  type DeliveryAttempt,
  type RecordedStatus,
} from "./choose-redeliveries.js";

const now = "2026-11-24T12:00:00Z";
const policy = { now, cooldownMs: 10 * 60_000, max: 50 };
const attempt = (
  id: number,
  guid: string,
  statusCode: number,
  minutesAgo: number,
  redelivery = false,
): DeliveryAttempt => ({
  id,
  guid,
  statusCode,
  redelivery,
  deliveredAt: new Date(Date.parse(now) - minutesAgo * 60_000).toISOString(),
});
const none = new Map<string, RecordedStatus>();

describe("chooseRedeliveries", () => {
  it("asks again for a delivery that failed while we were down", () => {
    expect(chooseRedeliveries([attempt(1, "a", 502, 30)], none, policy)).toEqual([1]);
  });

  it("asks again when our own record says the handler failed", () => {
    expect(
      chooseRedeliveries([attempt(1, "a", 500, 30)], new Map([["a", "failed"]]), policy),
    ).toEqual([1]);
  });

  it("leaves alone what we processed or ignored, whatever GitHub saw", () => {
    const recorded = new Map<string, RecordedStatus>([
      ["a", "processed"],
      ["b", "ignored"],
    ]);
    expect(
      chooseRedeliveries([attempt(1, "a", 502, 30), attempt(2, "b", 0, 30)], recorded, policy),
    ).toEqual([]);
  });

  it("leaves alone a delivery one of whose attempts succeeded", () => {
    expect(
      chooseRedeliveries([attempt(2, "a", 200, 5, true), attempt(1, "a", 502, 30)], none, policy),
    ).toEqual([]);
  });

  it("redelivers the newest failed attempt, once per delivery", () => {
    const attempts = [
      attempt(1, "a", 502, 60),
      attempt(3, "a", 500, 40, true),
      attempt(2, "b", 0, 50),
    ];
    expect(chooseRedeliveries(attempts, none, policy).sort()).toEqual([2, 3]);
  });

  it("waits out the cooldown after a recent redelivery", () => {
    expect(
      chooseRedeliveries([attempt(3, "a", 500, 2, true), attempt(1, "a", 502, 60)], none, policy),
    ).toEqual([]);
  });

  it("stops at the maximum per run", () => {
    const attempts = Array.from({ length: 10 }, (_, i) => attempt(i, `g${i}`, 502, 30));
    expect(chooseRedeliveries(attempts, none, { ...policy, max: 3 })).toHaveLength(3);
  });
});
