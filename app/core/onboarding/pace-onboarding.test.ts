import { describe, expect, it } from "vitest";
import { ONBOARDING_SPACING_MS, paceOnboarding } from "./pace-onboarding.js";

const now = new Date("2026-01-01T00:00:00Z");
const at = (ms: number) => new Date(now.getTime() + ms);

describe("paceOnboarding", () => {
  it("starts now and spaces the rest", () => {
    expect(paceOnboarding(3, now, null, 1000)).toEqual([at(0), at(1000), at(2000)]);
  });

  it("queues behind the installation's last slot", () => {
    expect(paceOnboarding(2, now, at(5000), 1000)).toEqual([at(6000), at(7000)]);
  });

  it("ignores a last slot long past", () => {
    expect(paceOnboarding(1, now, at(-60_000), 1000)).toEqual([at(0)]);
  });

  it("keeps a 100-repository install under 80 PRs a minute and 500 content requests an hour", () => {
    const slots = paceOnboarding(100, now, null);
    const firstMinute = slots.filter((slot) => slot.getTime() < now.getTime() + 60_000);
    expect(firstMinute.length * 5).toBeLessThanOrEqual(80);
    const firstHour = slots.filter((slot) => slot.getTime() < now.getTime() + 3_600_000);
    expect(firstHour.length * 5).toBeLessThanOrEqual(500);
    expect(ONBOARDING_SPACING_MS).toBeGreaterThan(0);
  });

  it("makes nothing for nothing", () => {
    expect(paceOnboarding(0, now, null)).toEqual([]);
  });
});
