import { describe, expect, it } from "vitest";
import type { CheckConclusion } from "../pipeline/effects.js";
import type { WorkItemState } from "../pipeline/state.js";
import { type ActionInputs, chooseCheckRunActions } from "./check-run-actions.js";

const labels = (input: Partial<ActionInputs>) =>
  chooseCheckRunActions({
    conclusion: "success",
    itemState: "running",
    latestRun: true,
    approved: false,
    ...input,
  }).map((action) => action.label);

describe("chooseCheckRunActions", () => {
  it.each<[string, Partial<ActionInputs>, string[]]>([
    ["awaiting approval", { itemState: "awaiting_approval" }, ["Approve"]],
    ["already approved", { itemState: "awaiting_approval", approved: true }, []],
    [
      "failed, a person decides",
      { itemState: "waiting_for_human", conclusion: "failure" },
      ["Retry"],
    ],
    ["refused", { itemState: "waiting_for_human", conclusion: "action_required" }, ["Retry"]],
    ["timed out", { itemState: "waiting_for_human", conclusion: "timed_out" }, ["Retry"]],
    ["nothing changed", { itemState: "waiting_for_human", conclusion: "neutral" }, ["Retry"]],
    ["failed gate, looping back by itself", { itemState: "queued", conclusion: "failure" }, []],
    ["next stage running", { itemState: "running" }, []],
    ["an older run", { itemState: "awaiting_approval", latestRun: false }, []],
    ["done", { itemState: "done" }, []],
  ])("%s → %j", (_, input, expected) => expect(labels(input)).toEqual(expected));

  it("stays within GitHub's limits for every state and conclusion", () => {
    const states: WorkItemState[] = [
      "queued",
      "running",
      "awaiting_approval",
      "merging",
      "waiting_for_human",
      "held",
      "done",
      "cancelled",
      "failed",
    ];
    const conclusions: CheckConclusion[] = [
      "success",
      "failure",
      "neutral",
      "action_required",
      "cancelled",
      "timed_out",
    ];
    for (const itemState of states) {
      for (const conclusion of conclusions) {
        const actions = chooseCheckRunActions({
          conclusion,
          itemState,
          latestRun: true,
          approved: false,
        });
        expect(actions.length).toBeLessThanOrEqual(3);
        for (const action of actions) {
          expect(action.label.length).toBeLessThanOrEqual(20);
          expect(action.description.length).toBeLessThanOrEqual(40);
          expect(action.identifier.length).toBeLessThanOrEqual(20);
        }
      }
    }
  });
});
