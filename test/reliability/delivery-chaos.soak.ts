import { expect, it } from "vitest";
import { compareEffects } from "./life/effect-figures.js";
import { planLife } from "./life/life-plan.js";
import { type LivedLife, liveLife } from "./life/live-life.js";
import { recordFigures } from "./record-figures.js";

const sum = (counts: Record<string, number>) => Object.values(counts).reduce((a, b) => a + b, 0);

/** What must hold of any life: GitHub saw valid requests only and performed nothing twice. */
function expectClean(life: LivedLife) {
  expect(life.problems).toEqual([]);
  expect(life.duplicated).toEqual([]);
  expect(life.repeats).toBe(0);
}

/** The life ended as its calm, in-order twin: same state, same effects, none lost, none extra. */
function expectAsTwin(life: LivedLife, twin: LivedLife) {
  expect(compareEffects(twin.effects, life.effects)).toEqual({ lost: 0, extra: 0 });
  expect(life.effects).toEqual(twin.effects);
  expect(life.state).toEqual(twin.state);
}

// Six issues a project: ten at once would hold the default $50 project budget ($5 a stage run)
// and rightly stop the tenth; that is the budget's own test, not this one's.
it("a life of eight projects, ≥ 1,000 deliveries in shuffled order with 30 % duplicates, ends as in order, nothing done twice", async () => {
  const planned = planLife(8, 6);
  const inOrder = await liveLife(planned);
  const chaos = await liveLife(planned, {
    chaos: { seed: 2026, duplicateRate: 0.3, concurrency: 6 },
  });
  expect(chaos.figures.sent).toBeGreaterThanOrEqual(1_000);
  expect(chaos.figures.duplicates).toBeGreaterThan(0.25 * chaos.figures.unique);
  for (const life of [inOrder, chaos]) expectClean(life);
  expect(new Set(inOrder.state.workItems.map((item) => item.state))).toEqual(new Set(["done"]));
  expectAsTwin(chaos, inOrder);
  await recordFigures("chaos", {
    projects: new Set(planned.map((issue) => issue.place.repoId)).size,
    workItems: planned.length,
    sent: chaos.figures.sent,
    unique: chaos.figures.unique,
    duplicates: chaos.figures.duplicates,
    answers: chaos.figures.answers,
    effects: sum(chaos.effects),
    effectsByKind: chaos.effects,
    lost: compareEffects(inOrder.effects, chaos.effects).lost,
    duplicated: chaos.repeats,
  });
});

// One call in ten: at one in five, a stage result's commit (a dozen calls, its POSTs never
// repeated blindly) can fail on 5xx eight attempts in a row and is rightly dead-lettered.
it("a life of three projects with GitHub failing one call in ten (500, 502, 403/429 with retry-after), answers lost after writes, ends as without faults, within retry-after", async () => {
  const planned = planLife(3, 4);
  const calm = await liveLife(planned);
  const stormy = await liveLife(planned, { faults: { seed: 99, rate: 0.1, lostRate: 0.5 } });
  for (const kind of ["500", "502", "403 secondary rate limit", "429 retry-after"])
    expect(stormy.faults[kind]).toBeGreaterThan(0);
  expect(
    (stormy.faults["500 after the write"] ?? 0) + (stormy.faults["502 after the write"] ?? 0),
  ).toBeGreaterThan(0);
  for (const life of [calm, stormy]) expectClean(life);
  expect(new Set(calm.state.workItems.map((item) => item.state))).toEqual(new Set(["done"]));
  expectAsTwin(stormy, calm);
  // The check ran (throttled calls were made again) and found none made sooner than allowed.
  expect(stormy.throttle.retried).toBeGreaterThan(0);
  expect(stormy.throttle.violations).toEqual([]);
  await recordFigures("faults", {
    workItems: planned.length,
    injected: stormy.faults,
    injectedTotal: sum(stormy.faults),
    throttledCallsRetried: stormy.throttle.retried,
    retriedTooSoon: stormy.throttle.violations.length,
    redeliveriesAsked: stormy.progress.redelivery_request ?? 0,
    effects: sum(stormy.effects),
    lost: compareEffects(calm.effects, stormy.effects).lost,
    duplicated: stormy.repeats,
  });
});
