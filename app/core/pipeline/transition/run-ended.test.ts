import { describe, expect, it } from "vitest";
import { aState, effectTypes, ev, runningItem } from "../pipeline-fixtures.js";
import { transition } from "../transition.js";

describe("result_refused", () => {
  it("writes nothing, charges the run, and hands the item to a person", () => {
    const out = transition(aState({ item: runningItem("implement") }), ev.refused({ usd: 0.5 }));
    expect(out.state.item).toMatchObject({
      state: "waiting_for_human",
      openRun: null,
      spentUsd: 0.5,
    });
    expect(out.state.project.spentUsd).toBe(0.5);
    expect(out.effects).toEqual([
      {
        type: "complete_check_run",
        runId: 1,
        conclusion: "action_required",
        summary:
          "The implement result was refused, and nothing was written: it touches .github/workflows/ci.yml." +
          " Waiting for a person: /retry [stage], /reject <why>, or /cancel.",
      },
      { type: "update_status_comment" },
      { type: "update_dashboard" },
    ]);
  });

  it("refuses a refusal for a run that is not open", () => {
    const state = aState({ item: runningItem("implement") });
    expect(transition(state, ev.refused({ runId: 7 })).rejected).toBe(
      "run 7 is not the open run (run 1 is)",
    );
  });
});

describe("run_lost", () => {
  it("closes a run whose workflow ended without a result", () => {
    const out = transition(aState({ item: runningItem("test") }), ev.lost());
    expect(out.state.item).toMatchObject({ state: "waiting_for_human", openRun: null });
    expect(out.effects[0]).toMatchObject({ type: "complete_check_run", conclusion: "failure" });
    expect(effectTypes(out.effects)).toEqual([
      "complete_check_run",
      "update_status_comment",
      "update_dashboard",
    ]);
  });

  it("cancels the workflow of a run that timed out", () => {
    const out = transition(
      aState({ item: runningItem("test") }),
      ev.lost({ timedOut: true, reason: "no result after 30 minutes" }),
    );
    expect(effectTypes(out.effects)).toEqual([
      "complete_check_run",
      "cancel_workflow_run",
      "update_status_comment",
      "update_dashboard",
    ]);
    expect(out.effects[0]).toMatchObject({
      conclusion: "timed_out",
      summary: expect.stringMatching(
        /^The test run ended without a result: no result after 30 minutes\./,
      ),
    });
  });

  it("refuses a late report for a run already closed", () => {
    const state = aState({ item: { state: "waiting_for_human", lastRunId: 1 } });
    expect(transition(state, ev.lost()).rejected).toBe("run 1 is not open: no stage run is open");
  });
});
