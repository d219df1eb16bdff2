import { describe, expect, it } from "vitest";
import { compareEffects } from "./life/effect-figures.js";
import { planLife } from "./life/life-plan.js";
import { liveLife } from "./life/live-life.js";
import { recordFigures } from "./record-figures.js";

describe("a life of two projects, delivered in order and then in chaos", () => {
  it("ends in the same state with every effect done exactly once", async () => {
    const planned = planLife(2, 1);
    const inOrder = await liveLife(planned);
    const chaos = await liveLife(planned, {
      chaos: { seed: 7, duplicateRate: 0.3, concurrency: 4 },
    });
    for (const life of [inOrder, chaos]) {
      expect(life.problems).toEqual([]);
      expect(life.duplicated).toEqual([]);
    }
    expect(inOrder.state.workItems.map((item) => item.state)).toEqual(["done", "done"]);
    expect(chaos.figures.duplicates).toBeGreaterThan(0);
    expect(chaos.state).toEqual(inOrder.state);
    expect(chaos.effects).toEqual(inOrder.effects);
    const { unique, duplicates, sent } = chaos.figures;
    const { lost } = compareEffects(inOrder.effects, chaos.effects);
    await recordFigures("chaos (npm test)", {
      unique,
      duplicates,
      sent,
      lost,
      duplicated: chaos.repeats,
    });
  }, 120_000);
});
