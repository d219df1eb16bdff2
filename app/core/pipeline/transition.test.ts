import { describe, expect, it } from "vitest";
import type { PipelineEvent } from "./events.js";
import {
  aState,
  awaitingItem,
  effectOf,
  effectTypes,
  ev,
  ONE_OF_EACH,
  runningItem,
  SHA_A,
  SHA_B,
  SHA_C,
} from "./pipeline-fixtures.js";
import type { PipelineState } from "./state.js";
import { type Transition, transition } from "./transition.js";

function deepFreeze<T>(value: T): T {
  if (typeof value === "object" && value !== null) {
    for (const child of Object.values(value)) deepFreeze(child);
    Object.freeze(value);
  }
  return value;
}

/** Applies the events in order, asserting each is accepted; returns every transition. */
function play(state: PipelineState, events: readonly PipelineEvent[]): Transition[] {
  const steps: Transition[] = [];
  let current = state;
  for (const event of events) {
    const out = transition(current, event);
    expect(out.rejected, `${event.type} in ${current.item.state}`).toBeUndefined();
    steps.push(out);
    current = out.state;
  }
  return steps;
}

describe("transition", () => {
  describe.each(["done", "cancelled", "failed"] as const)("on a %s work item", (state) => {
    it.each(ONE_OF_EACH.map((event) => [event.type, event] as const))(
      "refuses %s",
      (_type, event) => {
        const before = aState({ item: { state, lastRunId: 2, headSha: SHA_A } });
        expect(transition(before, event)).toEqual({
          state: before,
          effects: [],
          rejected: `the work item is ${state}: nothing more happens to it`,
        });
      },
    );
  });

  it("ends every accepted event by refreshing the status comment", () => {
    const out = transition(aState({ item: runningItem("test") }), ev.hold());
    expect(out.effects).toEqual([{ type: "update_status_comment" }, { type: "update_dashboard" }]);
  });

  it("never changes the state it is given", () => {
    const states = [
      aState(),
      aState({ item: runningItem("test") }),
      aState({ item: awaitingItem("review", { approvedSha: SHA_A, held: true }) }),
      aState({ item: awaitingItem("review", { state: "merging", approvedSha: SHA_A }) }),
    ].map(deepFreeze);
    for (const state of states) {
      for (const event of ONE_OF_EACH) expect(() => transition(state, event)).not.toThrow();
    }
  });
});

describe("a whole life", () => {
  it("kickoff: plan → approval → merge → milestone issues", () => {
    const steps = play(aState({ item: { kind: "kickoff", stage: "plan" } }), [
      ev.start(),
      ev.runStarted(1),
      ev.result({ headSha: SHA_B, usd: 1.25 }),
      ev.approve(SHA_B),
      ev.merged(SHA_C),
    ]);
    const last = steps.at(-1);
    expect(last?.state.item).toMatchObject({ state: "done", spentUsd: 1.25, lastRunId: 1 });
    expect(last?.state.project.spentUsd).toBe(1.25);
    expect(effectOf(last?.effects ?? [], "create_milestone_issues")).toEqual({
      type: "create_milestone_issues",
      planSha: SHA_C,
      startAll: false,
    });
  });

  it("milestone: implement → test fails → implement with findings → test → review → approval → merge", () => {
    const finding = { summary: "no test for an empty range" };
    const state = aState({ item: { milestone: { index: 1, remaining: 2 } } });
    const steps = play(state, [
      ev.start(),
      ev.result({ runId: 1, headSha: SHA_A, usd: 0.4 }),
      ev.result({ runId: 2, gatePassed: false, findings: [finding], usd: 0.1 }),
      ev.result({ runId: 3, headSha: SHA_B, usd: 0.3 }),
      ev.result({ runId: 4, gatePassed: true, usd: 0.1 }),
      ev.result({ runId: 5, reviewVerdict: "approve", usd: 0.2 }),
      ev.approve(SHA_B),
      ev.merged(SHA_C),
    ]);
    const dispatched = steps.flatMap((step) =>
      step.effects.flatMap((e) =>
        e.type === "dispatch_stage" ? [[e.runId, e.stage, e.iteration, e.findings.length]] : [],
      ),
    );
    expect(dispatched).toEqual([
      [1, "implement", 0, 0],
      [2, "test", 0, 0],
      [3, "implement", 1, 1],
      [4, "test", 1, 1],
      [5, "review", 1, 1],
    ]);
    const last = steps.at(-1);
    expect(last?.state.item).toMatchObject({ state: "done", iteration: 1, spentUsd: 1.1 });
    expect(effectTypes(last?.effects ?? [])).toEqual([
      "start_next_milestone",
      "update_status_comment",
      "update_dashboard",
    ]);
  });

  it("three failed gates, then a person decides", () => {
    const finding = { summary: "coverage 41% < 80%" };
    const fail = (runId: number) => ev.result({ runId, gatePassed: false, findings: [finding] });
    const steps = play(aState(), [
      ev.start(),
      ev.result({ runId: 1, headSha: SHA_A }),
      fail(2),
      ev.result({ runId: 3 }),
      fail(4),
      ev.result({ runId: 5 }),
      fail(6),
      ev.result({ runId: 7 }),
      fail(8),
    ]);
    expect(steps.at(-1)?.state.item).toMatchObject({
      state: "waiting_for_human",
      iteration: 3,
      stage: "test",
    });
    const after = play(steps.at(-1)?.state ?? aState(), [ev.retry("implement")]);
    expect(after[0]?.state.item.openRun).toMatchObject({ id: 9, stage: "implement", iteration: 3 });
  });
});
