import { describe, expect, it } from "vitest";
import {
  aState,
  awaitingItem,
  effectOf,
  ev,
  NOW,
  runningItem,
  SHA_A,
} from "../pipeline-fixtures.js";
import { transition } from "../transition.js";

const earlier = { actor: "hubot", body: "keep the public API", at: "2026-02-01T00:00:00.000Z" };
const said = { actor: "octocat", body: "use the existing parser", at: NOW };

describe("reject", () => {
  it("sends a gated item back to implement with the feedback", () => {
    const state = aState({ item: awaitingItem("review", { iteration: 1, feedback: [earlier] }) });
    const out = transition(state, ev.reject());
    expect(out.state.item).toMatchObject({
      state: "running",
      stage: "implement",
      iteration: 1,
      approvedSha: null,
      feedback: [earlier, said],
    });
    expect(effectOf(out.effects, "dispatch_stage")).toMatchObject({
      stage: "implement",
      baseSha: SHA_A,
      feedback: [earlier, said],
    });
  });

  it("lets a person send work back after the iterations are spent, without counting it", () => {
    const state = aState({
      item: { state: "waiting_for_human", stage: "test", iteration: 3, lastRunId: 4 },
    });
    const out = transition(state, ev.reject("try a streaming parser"));
    expect(out.state.item).toMatchObject({ state: "running", stage: "implement", iteration: 3 });
  });

  it("sends a kickoff's plan back to plan", () => {
    const item = { kind: "kickoff", ...awaitingItem("plan") } as const;
    const out = transition(aState({ item }), ev.reject("split milestone 2"));
    expect(out.state.item.openRun?.stage).toBe("plan");
  });

  it("keeps a held item's rework for /hold cancel", () => {
    const out = transition(aState({ item: awaitingItem("review", { held: true }) }), ev.reject());
    expect(out.state.item).toMatchObject({ state: "queued", stage: "implement", openRun: null });
  });

  it.each([
    {
      case: "while a stage runs",
      item: runningItem("test"),
      feedback: "no",
      reason:
        "The test stage is running. /reject once it is finished, or /retry <stage> to start over now.",
    },
    {
      case: "while merging",
      item: awaitingItem("review", { state: "merging", approvedSha: SHA_A }),
      feedback: "no",
      reason: "Merging aaaaaaa. /reject once it is finished, or /retry <stage> to start over now.",
    },
    {
      case: "with no reason",
      item: awaitingItem("review"),
      feedback: "  ",
      reason: "say what is wrong: /reject <reason>",
    },
    {
      case: "before anything ran",
      item: {},
      feedback: "no",
      reason: "nothing to reject: no stage has run yet",
    },
  ] as const)("refuses $case", ({ item, feedback, reason }) => {
    const state = aState({ item });
    expect(transition(state, ev.reject(feedback))).toEqual({
      state,
      effects: [],
      rejected: reason,
    });
  });
});
