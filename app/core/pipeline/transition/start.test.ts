import { describe, expect, it } from "vitest";
import {
  aState,
  configWith,
  effectOf,
  effectTypes,
  ev,
  runningItem,
} from "../pipeline-fixtures.js";
import { transition } from "../transition.js";

describe("start", () => {
  it("dispatches run 1 of an issue's first stage, with its check run queued", () => {
    const out = transition(aState(), ev.start());
    expect(out.rejected).toBeUndefined();
    expect(out.state.item).toMatchObject({
      stage: "implement",
      state: "running",
      lastRunId: 1,
      openRun: { id: 1, stage: "implement", iteration: 0, status: "queued", usdCap: 5 },
    });
    expect(effectTypes(out.effects)).toEqual([
      "create_check_run",
      "dispatch_stage",
      "update_status_comment",
      "update_dashboard",
    ]);
    expect(effectOf(out.effects, "dispatch_stage")).toEqual({
      type: "dispatch_stage",
      runId: 1,
      stage: "implement",
      iteration: 0,
      usdCap: 5,
      baseSha: null,
      findings: [],
      feedback: [],
    });
  });

  it("starts at the stage the label names", () => {
    const out = transition(aState(), ev.start("test"));
    expect(out.state.item.openRun?.stage).toBe("test");
  });

  it("starts a kickoff at plan", () => {
    const out = transition(aState({ item: { kind: "kickoff", stage: "plan" } }), ev.start());
    expect(out.state.item.openRun?.stage).toBe("plan");
  });

  it("starts a release at release", () => {
    const out = transition(aState({ item: { kind: "release", stage: "release" } }), ev.start());
    expect(out.state.item.openRun?.stage).toBe("release");
  });

  it("refuses a stage the config does not run", () => {
    const config = configWith({ stages: { issue: ["implement", "review"] } });
    const out = transition(aState({ config }), ev.start("test"));
    expect(out.rejected).toBe(
      "the test stage does not run for issue work (runs: implement, review)",
    );
  });

  it("refuses an item that already started", () => {
    const out = transition(aState({ item: runningItem("test") }), ev.start());
    expect(out.rejected).toMatch(/^already started\. The test stage is running\./);
  });

  it.each([
    [{ status: "pending" }, "nothing can start: the project is pending, not active"],
    [{ status: "onboarding" }, "nothing can start: the project is onboarding, not active"],
    [{ status: "paused" }, "nothing can start: the project is paused, not active"],
    [{ status: "removed" }, "nothing can start: the project is removed, not active"],
    [{ suspended: true }, "nothing can start: the app's installation is suspended"],
  ] as const)("refuses to start when the project is %j", (project, reason) => {
    expect(transition(aState({ project }), ev.start()).rejected).toBe(reason);
  });

  it("waits for a held item's /hold cancel", () => {
    const out = transition(aState({ item: { held: true } }), ev.start("test"));
    expect(out.state.item).toMatchObject({ state: "queued", stage: "test", openRun: null });
    expect(effectTypes(out.effects)).toEqual(["update_status_comment", "update_dashboard"]);
  });
});

describe("start against the budget", () => {
  it.each([
    { case: "spent", project: { spentUsd: 45.01 } },
    { case: "reserved by other items' open runs", project: { spentUsd: 40, reservedUsd: 5.01 } },
    { case: "capped lower by the operator", project: { budgetUsd: 4.99 } },
    { case: "not raised by the operator's higher cap", project: { budgetUsd: 500, spentUsd: 46 } },
  ])("hands the item to a person when the budget is $case", ({ project }) => {
    const out = transition(aState({ project }), ev.start());
    expect(out.state.item).toMatchObject({ state: "waiting_for_human", openRun: null });
    expect(effectTypes(out.effects)).toEqual([
      "notify_budget_exhausted",
      "update_status_comment",
      "update_dashboard",
    ]);
    expect(effectOf(out.effects, "notify_budget_exhausted")).toMatchObject({
      stage: "implement",
      neededUsd: 5,
    });
  });

  it("dispatches when the run's cap fits exactly", () => {
    const out = transition(aState({ project: { spentUsd: 40, reservedUsd: 5 } }), ev.start());
    expect(out.state.item.state).toBe("running");
  });
});
