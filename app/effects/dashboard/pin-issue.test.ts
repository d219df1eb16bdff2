import pino from "pino";
import { describe, expect, it } from "vitest";
import type { DashboardContext } from "./dashboard-context.js";
import { pinIssue } from "./pin-issue.js";

/** A dashboard context whose GraphQL call fails as GitHub answered: status and headers. */
function failingWith(status: number, headers: Record<string, string> = {}) {
  const error = Object.assign(new Error(`GitHub answered ${status}`), {
    status,
    response: { headers },
  });
  const octokit = { graphql: async () => Promise.reject(error) };
  return { octokit, log: pino({ level: "silent" }) } as unknown as DashboardContext;
}

describe("pinIssue", () => {
  it("leaves the dashboard unpinned when GitHub refuses the pin (three pinned already)", async () => {
    await expect(pinIssue(failingWith(422), "I_1")).resolves.toBeUndefined();
    await expect(pinIssue(failingWith(403), "I_1")).resolves.toBeUndefined();
  });

  it("throws a failure GitHub may not repeat, so the outbox pins it on a later attempt", async () => {
    await expect(pinIssue(failingWith(502), "I_1")).rejects.toMatchObject({ status: 502 });
    await expect(pinIssue(failingWith(429, { "retry-after": "30" }), "I_1")).rejects.toMatchObject({
      status: 429,
    });
    const secondary = failingWith(403, { "retry-after": "60", "x-ratelimit-remaining": "4000" });
    await expect(pinIssue(secondary, "I_1")).rejects.toMatchObject({ status: 403 });
  });
});
