import type { Rng } from "../life/rng.js";
import type { FaultInjector } from "./fake-github.js";
import type { FakeReply } from "./fake-route.js";

/** The failures GitHub really answers with, each as its wire format has it. */
export const FAULTS: Record<string, FakeReply> = {
  "500": { status: 500, body: { message: "Server Error" } },
  "502": { status: 502, body: { message: "Server Error" } },
  "403 secondary rate limit": {
    status: 403,
    // GitHub asks for a minute after a secondary limit; the harness fast-forwards stored waits.
    headers: { "retry-after": "60", "x-ratelimit-remaining": "4000" },
    body: {
      message:
        "You have exceeded a secondary rate limit. Please wait a few minutes before you try again.",
      documentation_url:
        "https://docs.github.com/rest/overview/rate-limits-for-the-rest-api#about-secondary-rate-limits",
    },
  },
  "429 retry-after": {
    status: 429,
    headers: { "retry-after": "30" },
    body: { message: "Too Many Requests" },
  },
};

/**
 * Fails each request with probability `rate`, with one of `FAULTS` chosen at
 * random; a write fails after it took effect with probability `lostRate`
 * (the answer was lost), so a blind retry would do it twice. Counts what it
 * injected, by fault.
 */
export function createFaultInjector(rng: Rng, rate: number, lostRate = 0) {
  const injected: Record<string, number> = {};
  const names = Object.keys(FAULTS);
  const inject: FaultInjector = ({ method }) => {
    if (!rng.chance(rate)) return undefined;
    const name = names[rng.int(names.length)] ?? "500";
    const lost = method !== "GET" && name.startsWith("5") && rng.chance(lostRate);
    const key = lost ? `${name} after the write` : name;
    injected[key] = (injected[key] ?? 0) + 1;
    return { reply: FAULTS[name] as FakeReply, when: lost ? "after" : "before" };
  };
  return { inject, injected, total: () => Object.values(injected).reduce((a, b) => a + b, 0) };
}
