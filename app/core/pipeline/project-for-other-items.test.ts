import { describe, expect, it } from "vitest";
import { aState, configWith, ev } from "./pipeline-fixtures.js";
import { projectForOtherItems } from "./project-for-other-items.js";
import { transition } from "./transition.js";

describe("projectForOtherItems", () => {
  it("adds the run a start opened to what the other items see reserved", () => {
    const out = transition(aState({ project: { reservedUsd: 0.1 } }), ev.start());
    expect(out.state.item.openRun?.usdCap).toBe(5);
    expect(projectForOtherItems(out.state)).toEqual({ ...out.state.project, reservedUsd: 5.1 });
  });

  it("adds in micro-dollars, as the database's numeric(12, 6) does", () => {
    const config = configWith({ budgets: { stage_run: { usd: 0.2 } } });
    const out = transition(aState({ config, project: { reservedUsd: 0.1 } }), ev.start());
    expect(projectForOtherItems(out.state).reservedUsd).toBe(0.3); // not 0.30000000000000004
  });

  it("leaves the project as it was when nothing opened (a start the budget refused)", () => {
    const before = aState({ project: { budgetUsd: 4, spentUsd: 1, reservedUsd: 2 } });
    const out = transition(before, ev.start());
    expect(out.state.item.openRun).toBeNull();
    expect(projectForOtherItems(out.state)).toEqual(before.project);
  });

  it("lets the next start see the budget the previous one took", () => {
    const budget = { budgetUsd: 12 };
    const first = transition(aState({ project: budget }), ev.start());
    const second = transition(aState({ project: projectForOtherItems(first.state) }), ev.start());
    const third = transition(aState({ project: projectForOtherItems(second.state) }), ev.start());
    expect([first, second, third].map((out) => out.state.item.openRun?.usdCap ?? null)).toEqual([
      5,
      5,
      null,
    ]);
    expect(third.effects.map((effect) => effect.type)).toContain("notify_budget_exhausted");
  });
});
