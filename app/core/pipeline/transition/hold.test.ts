import { describe, expect, it } from "vitest";
import {
  aState,
  awaitingItem,
  effectOf,
  effectTypes,
  ev,
  runningItem,
  SHA_A,
} from "../pipeline-fixtures.js";
import { transition } from "../transition.js";

describe("hold and /hold cancel", () => {
  it("lets the open run finish, records its result, and starts nothing until /hold cancel", () => {
    const held = transition(aState({ item: runningItem("implement") }), ev.hold());
    expect(held.state.item).toMatchObject({ held: true, state: "running", openRun: { id: 1 } });
    expect(effectTypes(held.effects)).toEqual(["update_status_comment", "update_dashboard"]);

    const finished = transition(held.state, ev.result());
    expect(finished.state.item).toMatchObject({ state: "queued", stage: "test", openRun: null });
    expect(effectOf(finished.effects, "dispatch_stage")).toBeUndefined();

    const resumed = transition(finished.state, ev.unhold());
    expect(resumed.state.item).toMatchObject({
      held: false,
      state: "running",
      openRun: { id: 2, stage: "test" },
    });
  });

  it("/hold cancel at an unapproved gate changes nothing else", () => {
    const out = transition(aState({ item: awaitingItem("review", { held: true }) }), ev.unhold());
    expect(out.state.item).toMatchObject({ held: false, state: "awaiting_approval" });
    expect(effectTypes(out.effects)).toEqual(["update_status_comment", "update_dashboard"]);
  });

  it.each([
    { case: "a second hold", item: { held: true }, event: ev.hold(), reason: "already on hold" },
    { case: "/hold cancel when not held", item: {}, event: ev.unhold(), reason: "not on hold" },
    {
      case: "a hold during the merge",
      item: awaitingItem("review", { state: "merging", approvedSha: SHA_A }),
      event: ev.hold(),
      reason: "too late to hold: the merge is under way",
    },
  ] as const)("refuses $case", ({ item, event, reason }) => {
    const state = aState({ item });
    expect(transition(state, event)).toEqual({ state, effects: [], rejected: reason });
  });
});

describe("resume", () => {
  const stalled = { state: "queued", stage: "test", lastRunId: 1, headSha: SHA_A } as const;

  it("dispatches a stage that waited for the project", () => {
    const out = transition(aState({ item: stalled }), ev.resume());
    expect(out.state.item.openRun).toMatchObject({ id: 2, stage: "test" });
  });

  it.each([
    {
      case: "while the project is still paused",
      state: aState({ item: stalled, project: { status: "paused" } }),
      reason: "cannot resume: the project is paused, not active",
    },
    {
      case: "a running item",
      state: aState({ item: runningItem("test") }),
      reason: "nothing to resume. The test stage is running.",
    },
    {
      case: "a held item",
      state: aState({ item: { ...stalled, held: true } }),
      reason: "nothing to resume. On hold: nothing runs or merges until /hold cancel.",
    },
  ] as const)("refuses $case", ({ state, reason }) => {
    expect(transition(state, ev.resume()).rejected).toBe(reason);
  });

  it("a result that arrives while the project is paused leaves the next stage queued", () => {
    const state = aState({ item: runningItem("implement"), project: { suspended: true } });
    const out = transition(state, ev.result());
    expect(out.state.item).toMatchObject({ state: "queued", stage: "test" });
    expect(effectOf(out.effects, "complete_check_run")?.summary).toBe(
      "The implement stage succeeded. Waiting: the app's installation is suspended.",
    );
  });
});
