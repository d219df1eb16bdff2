import { describe, expect, it } from "vitest";
import { aState, effectTypes, ev, runningItem } from "../pipeline-fixtures.js";
import { transition } from "../transition.js";

const queuedRun = runningItem("implement", {
  openRun: { id: 1, stage: "implement", iteration: 0, status: "dispatched", usdCap: 5 },
});

describe("run_started", () => {
  it("puts the open run and its check run in progress", () => {
    const out = transition(aState({ item: queuedRun }), ev.runStarted(1));
    expect(out.state.item.openRun?.status).toBe("in_progress");
    expect(out.effects[0]).toEqual({ type: "start_check_run", runId: 1 });
    expect(effectTypes(out.effects)).toEqual([
      "start_check_run",
      "update_status_comment",
      "update_dashboard",
    ]);
  });

  it.each([
    {
      case: "a duplicate",
      item: runningItem("implement"),
      runId: 1,
      reason: "run 1 is already in progress",
    },
    {
      case: "an older run",
      item: queuedRun,
      runId: 0,
      reason: "run 0 is not the open run (run 1 is)",
    },
    { case: "no open run", item: {}, runId: 1, reason: "run 1 is not open: no stage run is open" },
  ])("refuses $case", ({ item, runId, reason }) => {
    const state = aState({ item });
    const out = transition(state, ev.runStarted(runId));
    expect(out).toEqual({ state, effects: [], rejected: reason });
  });
});
