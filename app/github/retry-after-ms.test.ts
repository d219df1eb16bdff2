import { describe, expect, it } from "vitest";
import { retryAfterMs } from "./retry-after-ms.js";

const failed = (headers: Record<string, string>) => ({ status: 403, response: { headers } });

describe("retryAfterMs", () => {
  it("reads retry-after in seconds", () => {
    expect(retryAfterMs(failed({ "retry-after": "60" }))).toBe(60_000);
  });

  it("waits for the quota's reset when it is spent", () => {
    const now = 1_700_000_000_000;
    const reset = String(now / 1000 + 30);
    const error = failed({ "x-ratelimit-remaining": "0", "x-ratelimit-reset": reset });
    expect(retryAfterMs(error, now)).toBe(31_000);
  });

  it("says nothing for an error that asks for no wait", () => {
    expect(retryAfterMs(failed({ "x-ratelimit-remaining": "4999" }))).toBeUndefined();
    expect(retryAfterMs(new Error("socket hang up"))).toBeUndefined();
  });
});
