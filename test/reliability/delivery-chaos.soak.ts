import { expect, it } from "vitest";
import { effectDifferences } from "./life/effect-differences.js";
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

/**
 * The life ended as its calm, in-order twin: same state, same effects, none
 * lost, none extra. A difference is told first by kind and key, with what the
 * outbox dead-lettered and which deliveries stayed failed, so a failure that
 * timing made rare can be read from its message.
 */
function expectAsTwin(life: LivedLife, twin: LivedLife, which = "") {
  expect(effectDifferences(twin, life), which).toEqual([]);
  expect(compareEffects(twin.effects, life.effects), which).toEqual({ lost: 0, extra: 0 });
  expect(life.effects, which).toEqual(twin.effects);
  expect(life.state, which).toEqual(twin.state);
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

// Request order varies with timing, so each seed's faults land on different calls from run to
// run: several seeds, each against the same calm twin. `FAULT_SEEDS=1,2,3` replays others.
const FAULT_SEEDS = (process.env.FAULT_SEEDS ?? "99,7,15").split(",").map(Number);

// One call in ten: at one in five, a stage result's commit (a dozen calls, its POSTs never
// repeated blindly) can fail on 5xx eight attempts in a row and is rightly dead-lettered.
it(`a life of three projects with GitHub failing one call in ten (500, 502, 403/429 with retry-after), answers lost after writes, ends as without faults, within retry-after (seeds ${FAULT_SEEDS.join(", ")})`, async () => {
  const planned = planLife(3, 4);
  const calm = await liveLife(planned);
  expectClean(calm);
  expect(new Set(calm.state.workItems.map((item) => item.state))).toEqual(new Set(["done"]));
  const injected: Record<string, number> = {};
  const figures = { retried: 0, tooSoon: 0, redeliveries: 0, effects: 0, lost: 0, duplicated: 0 };
  for (const seed of FAULT_SEEDS) {
    const stormy = await liveLife(planned, { faults: { seed, rate: 0.1, lostRate: 0.5 } });
    const which = `faults seed ${seed}`;
    expect(stormy.problems, which).toEqual([]);
    expect(stormy.duplicated, which).toEqual([]);
    expect(stormy.repeats, which).toBe(0);
    expectAsTwin(stormy, calm, which);
    // The check ran (throttled calls were made again) and found none made sooner than allowed.
    expect(stormy.throttle.retried, which).toBeGreaterThan(0);
    expect(stormy.throttle.violations, which).toEqual([]);
    for (const [kind, n] of Object.entries(stormy.faults))
      injected[kind] = (injected[kind] ?? 0) + n;
    figures.retried += stormy.throttle.retried;
    figures.redeliveries += stormy.progress.redelivery_request ?? 0;
    figures.effects += sum(stormy.effects);
    figures.lost += compareEffects(calm.effects, stormy.effects).lost;
    figures.duplicated += stormy.repeats;
  }
  for (const kind of ["500", "502", "403 secondary rate limit", "429 retry-after"])
    expect(injected[kind]).toBeGreaterThan(0);
  expect(
    (injected["500 after the write"] ?? 0) + (injected["502 after the write"] ?? 0),
  ).toBeGreaterThan(0);
  await recordFigures("faults", {
    seeds: FAULT_SEEDS,
    workItems: planned.length,
    lives: FAULT_SEEDS.length,
    injected,
    injectedTotal: sum(injected),
    throttledCallsRetried: figures.retried,
    retriedTooSoon: figures.tooSoon,
    redeliveriesAsked: figures.redeliveries,
    effects: figures.effects,
    lost: figures.lost,
    duplicated: figures.duplicated,
  });
});
