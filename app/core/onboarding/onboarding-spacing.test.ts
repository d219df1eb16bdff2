import { describe, expect, it } from "vitest";
import { ONBOARDING_SPACING_MS } from "./onboarding-spacing.js";

/** Content-creating requests one onboarding PR and the stage work after it make. */
const REQUESTS_PER_PR = 5;
const REPOSITORIES = 100;
/** PRs of a 100-repository install that start within `windowMs` of its first, one spacing apart. */
const prsWithin = (windowMs: number) =>
  Math.min(REPOSITORIES, Math.floor((windowMs - 1) / ONBOARDING_SPACING_MS) + 1);

describe("the onboarding spacing", () => {
  it("keeps a 100-repository install under 80 content-creating requests a minute and 500 an hour", () => {
    expect(prsWithin(60_000) * REQUESTS_PER_PR).toBeLessThanOrEqual(80);
    expect(prsWithin(3_600_000) * REQUESTS_PER_PR).toBeLessThanOrEqual(500);
  });
});
