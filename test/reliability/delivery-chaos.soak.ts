import { expect, it } from "vitest";
import { planLife } from "./life/life-plan.js";
import { liveLife } from "./life/live-life.js";
import { recordFigures } from "./record-figures.js";

it("a life of four projects, ≥ 1,000 deliveries in shuffled order with 30 % duplicates, ends as in order, nothing done twice", async () => {
  const planned = planLife(4, 10);
  const inOrder = await liveLife(planned);
  const chaos = await liveLife(planned, {
    chaos: { seed: 2026, duplicateRate: 0.3, concurrency: 6 },
  });
  expect(chaos.figures.sent).toBeGreaterThanOrEqual(1_000);
  for (const life of [inOrder, chaos]) {
    expect(life.problems).toEqual([]);
    expect(life.duplicated).toEqual([]);
  }
  expect(new Set(inOrder.state.workItems.map((item) => item.state))).toEqual(new Set(["done"]));
  expect(chaos.state).toEqual(inOrder.state);
  expect(chaos.effects).toEqual(inOrder.effects);
  await recordFigures("chaos", {
    workItems: planned.length,
    unique: chaos.figures.unique,
    duplicates: chaos.figures.duplicates,
    sent: chaos.figures.sent,
    answers: chaos.figures.answers,
    effects: Object.values(chaos.effects).reduce((a, b) => a + b, 0),
    lost: 0,
    duplicated: 0,
  });
});

it("a life of two projects with GitHub failing one call in five, answers lost after writes, ends as without faults", async () => {
  const planned = planLife(2, 4);
  const calm = await liveLife(planned);
  const stormy = await liveLife(planned, { faults: { seed: 99, rate: 0.2, lostRate: 0.5 } });
  expect(stormy.problems).toEqual([]);
  expect(stormy.duplicated).toEqual([]);
  expect(stormy.state).toEqual(calm.state);
  expect(stormy.effects).toEqual(calm.effects);
  await recordFigures("faults", { injected: stormy.faults, lost: 0, duplicated: 0 });
});
