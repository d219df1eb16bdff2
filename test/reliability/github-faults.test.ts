import { describe, expect, it } from "vitest";
import { effectDifferences } from "./life/effect-differences.js";
import { compareEffects } from "./life/effect-figures.js";
import { planLife } from "./life/life-plan.js";
import { liveLife } from "./life/live-life.js";
import { recordFigures } from "./record-figures.js";

describe("GitHub failing calls: 500, 502, 403 secondary rate limit, 429 with retry-after", () => {
  it("still ends every work item as without faults, nothing done twice, even when a write's answer is lost, never sooner than retry-after", async () => {
    const planned = planLife(1, 2);
    const calm = await liveLife(planned);
    const stormy = await liveLife(planned, { faults: { seed: 11, rate: 0.2, lostRate: 0.5 } });
    expect(Object.keys(stormy.faults).length).toBeGreaterThan(2);
    expect(stormy.problems).toEqual([]);
    expect(stormy.duplicated).toEqual([]);
    // Told by kind and key first (with dead letters and failed deliveries): the state diff alone
    // does not say which effect went missing.
    expect(effectDifferences(calm, stormy)).toEqual([]);
    expect(stormy.state).toEqual(calm.state);
    expect(stormy.effects).toEqual(calm.effects);
    expect(stormy.throttle.violations).toEqual([]);
    const { lost } = compareEffects(calm.effects, stormy.effects);
    await recordFigures("faults (npm test)", {
      injected: stormy.faults,
      throttledCallsRetried: stormy.throttle.retried,
      lost,
      duplicated: stormy.repeats,
    });
  }, 180_000);
});
