import { describe, expect, it } from "vitest";
import {
  aState,
  awaitingItem,
  configWith,
  effectOf,
  effectTypes,
  ev,
  runningItem,
  SHA_A,
} from "../pipeline-fixtures.js";
import { transition } from "../transition.js";

const finding = { summary: "missing test for the empty case" };
const waiting = {
  state: "waiting_for_human",
  stage: "test",
  lastRunId: 3,
  iteration: 1,
  headSha: SHA_A,
  findings: [finding],
} as const;

describe("retry", () => {
  it("opens a new run of the current stage, keeping iterations and findings", () => {
    const out = transition(aState({ item: waiting }), ev.retry());
    expect(out.state.item).toMatchObject({
      state: "running",
      lastRunId: 4,
      iteration: 1,
      openRun: { id: 4, stage: "test", iteration: 1 },
    });
    expect(effectOf(out.effects, "dispatch_stage")).toMatchObject({
      runId: 4,
      findings: [finding],
    });
  });

  it("opens a run of the stage it names", () => {
    const out = transition(aState({ item: waiting }), ev.retry("implement"));
    expect(out.state.item).toMatchObject({ stage: "implement", openRun: { stage: "implement" } });
  });

  it("re-runs a gated stage, dropping any approval", () => {
    const item = awaitingItem("review", { held: false, approvedSha: null });
    const out = transition(aState({ item }), ev.retry());
    expect(out.state.item).toMatchObject({
      state: "running",
      approvedSha: null,
      openRun: { id: 2 },
    });
  });

  it("cancels the open run before opening the next, so there is never more than one", () => {
    const out = transition(aState({ item: runningItem("test") }), ev.retry());
    expect(effectTypes(out.effects)).toEqual([
      "cancel_workflow_run",
      "complete_check_run",
      "create_check_run",
      "dispatch_stage",
      "update_status_comment",
      "update_dashboard",
    ]);
    expect(out.effects[0]).toEqual({ type: "cancel_workflow_run", runId: 1 });
    expect(out.effects[1]).toEqual({
      type: "complete_check_run",
      runId: 1,
      conclusion: "cancelled",
      summary: "Cancelled: @octocat asked for a new test run.",
    });
    expect(out.state.item.openRun).toMatchObject({ id: 2, stage: "test", status: "queued" });
  });

  it.each([
    {
      case: "a stage the config does not run",
      state: aState({
        item: waiting,
        config: configWith({ stages: { issue: ["implement", "review"] } }),
      }),
      stage: "test",
      reason: "the test stage does not run for issue work (runs: implement, review)",
    },
    {
      case: "a held item",
      state: aState({ item: { ...waiting, held: true } }),
      stage: undefined,
      reason: "the work item is on hold: /hold cancel first",
    },
    {
      case: "a merge under way",
      state: aState({ item: awaitingItem("review", { state: "merging", approvedSha: SHA_A }) }),
      stage: undefined,
      reason: "the merge is under way",
    },
    {
      case: "an item that never started",
      state: aState(),
      stage: undefined,
      reason: "nothing to retry: the work item has not started",
    },
    {
      case: "a paused project",
      state: aState({ item: waiting, project: { status: "paused" } }),
      stage: undefined,
      reason: "nothing can run: the project is paused, not active",
    },
    {
      case: "a spent budget",
      state: aState({ item: waiting, project: { spentUsd: 47.5 } }),
      stage: undefined,
      reason:
        "the project budget is spent: $47.50 of $50.00 used, $2.50 left, and a test run may cost $5.00;" +
        " raise budgets.project.usd in .github/quantapilot.yml, then /retry",
    },
  ] as const)("refuses $case", ({ state, stage, reason }) => {
    expect(transition(state, ev.retry(stage))).toEqual({ state, effects: [], rejected: reason });
  });
});
