import { describe, expect, it } from "vitest";
import { aState, awaitingItem, effectTypes, ev, runningItem, SHA_A } from "../pipeline-fixtures.js";
import { transition } from "../transition.js";

describe("cancel", () => {
  it("ends the item and cancels its open run's workflow and check run", () => {
    const out = transition(aState({ item: runningItem("test", { held: true }) }), ev.cancel());
    expect(out.state.item).toMatchObject({ state: "cancelled", openRun: null });
    expect(out.effects).toEqual([
      { type: "cancel_workflow_run", runId: 1 },
      {
        type: "complete_check_run",
        runId: 1,
        conclusion: "cancelled",
        summary: "Cancelled by @octocat.",
      },
      { type: "update_status_comment" },
      { type: "update_dashboard" },
    ]);
  });

  it("ends an item with no open run", () => {
    const out = transition(aState({ item: awaitingItem("review") }), ev.cancel());
    expect(out.state.item.state).toBe("cancelled");
    expect(effectTypes(out.effects)).toEqual(["update_status_comment", "update_dashboard"]);
  });

  it("refuses once the merge is under way", () => {
    const state = aState({
      item: awaitingItem("review", { state: "merging", approvedSha: SHA_A }),
    });
    expect(transition(state, ev.cancel()).rejected).toBe(
      "too late to cancel: the merge is under way",
    );
  });
});
