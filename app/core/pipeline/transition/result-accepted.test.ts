import { describe, expect, it } from "vitest";
import {
  aState,
  configWith,
  effectOf,
  effectTypes,
  ev,
  runningItem,
  SHA_A,
  SHA_B,
} from "../pipeline-fixtures.js";
import { transition } from "../transition.js";

const finding = { summary: "parseRange throws on an empty string", path: "src/range.ts", line: 12 };
const ungatedReview = configWith({ gates: { review: false } });

describe("result_accepted moves the work item on", () => {
  it.each([
    {
      case: "implement succeeded → test",
      stage: "implement",
      result: { headSha: SHA_B },
      next: { state: "running", stage: "test", iteration: 0 },
      conclusion: "success",
    },
    {
      case: "test passed its gate → review",
      stage: "test",
      result: { outcome: "no_changes", gatePassed: true },
      next: { state: "running", stage: "review", iteration: 0 },
      conclusion: "success",
    },
    {
      case: "test failed its gate → implement, one more iteration",
      stage: "test",
      result: { gatePassed: false, findings: [finding] },
      next: { state: "running", stage: "implement", iteration: 1, findings: [finding] },
      conclusion: "failure",
    },
    {
      case: "test without a gate verdict → implement",
      stage: "test",
      result: {},
      next: { state: "running", stage: "implement", iteration: 1 },
      conclusion: "failure",
    },
    {
      case: "review approved → the review gate",
      stage: "review",
      result: { outcome: "no_changes", reviewVerdict: "approve" },
      next: { state: "awaiting_approval", stage: "review", openRun: null },
      conclusion: "success",
    },
    {
      case: "review requested changes → implement",
      stage: "review",
      result: { reviewVerdict: "request_changes", findings: [finding] },
      next: { state: "running", stage: "implement", iteration: 1, findings: [finding] },
      conclusion: "failure",
    },
    {
      case: "review without a verdict → implement",
      stage: "review",
      result: {},
      next: { state: "running", stage: "implement", iteration: 1 },
      conclusion: "failure",
    },
    {
      case: "the stage failed → a person",
      stage: "implement",
      result: { outcome: "failed", reason: "the model gave up" },
      next: { state: "waiting_for_human", stage: "implement", openRun: null },
      conclusion: "failure",
    },
    {
      case: "implement changed nothing → a person",
      stage: "implement",
      result: { outcome: "no_changes" },
      next: { state: "waiting_for_human", stage: "implement" },
      conclusion: "neutral",
    },
  ] as const)("$case", ({ stage, result, next, conclusion }) => {
    const out = transition(aState({ item: runningItem(stage) }), ev.result(result));
    expect(out.rejected).toBeUndefined();
    expect(out.state.item).toMatchObject(next);
    expect(out.effects[0]).toMatchObject({ type: "complete_check_run", runId: 1, conclusion });
    expect(out.effects.slice(-2)).toEqual([
      { type: "update_status_comment" },
      { type: "update_dashboard" },
    ]);
  });
});

describe("result_accepted", () => {
  it("closes the run, charges its cost to the item and the project, and takes its head", () => {
    const state = aState({
      item: runningItem("implement", { spentUsd: 0.1 }),
      project: { spentUsd: 0.2 },
    });
    const out = transition(state, ev.result({ usd: 0.1, headSha: SHA_B }));
    expect(out.state.item.spentUsd).toBe(0.2);
    expect(out.state.project.spentUsd).toBe(0.3);
    expect(out.state.item.headSha).toBe(SHA_B);
    expect(effectOf(out.effects, "dispatch_stage")).toMatchObject({ runId: 2, baseSha: SHA_B });
  });

  it("keeps the head when the result wrote nothing", () => {
    const out = transition(aState({ item: runningItem("test") }), ev.result({ gatePassed: true }));
    expect(out.state.item.headSha).toBe(SHA_A);
  });

  it("hands the findings to the next implement run", () => {
    const out = transition(
      aState({ item: runningItem("test") }),
      ev.result({ gatePassed: false, findings: [finding] }),
    );
    expect(effectOf(out.effects, "dispatch_stage")).toMatchObject({
      stage: "implement",
      iteration: 1,
      findings: [finding],
    });
    expect(effectOf(out.effects, "complete_check_run")?.summary).toBe(
      "The quality gate failed (1 finding). The implement stage is running.",
    );
  });

  it("waits for a person once max_iterations round trips are spent", () => {
    const item = runningItem("test", { iteration: 3 });
    const out = transition(aState({ item }), ev.result({ gatePassed: false, findings: [finding] }));
    expect(out.state.item).toMatchObject({
      state: "waiting_for_human",
      iteration: 3,
      findings: [finding],
    });
    expect(effectOf(out.effects, "dispatch_stage")).toBeUndefined();
    expect(effectOf(out.effects, "complete_check_run")?.summary).toContain("/retry [stage]");
  });

  it("asks for approval on the check run when the stage is gated", () => {
    const out = transition(
      aState({ item: runningItem("review") }),
      ev.result({ reviewVerdict: "approve" }),
    );
    expect(effectOf(out.effects, "complete_check_run")?.summary).toBe(
      "The review stage succeeded. Waiting for approval of review at aaaaaaa:" +
        " approve the PR, comment /approve, or press Approve.",
    );
  });

  it("merges at once when the last stage is not gated", () => {
    const out = transition(
      aState({ item: runningItem("review"), config: ungatedReview }),
      ev.result({ reviewVerdict: "approve" }),
    );
    expect(out.state.item).toMatchObject({ state: "merging", approvedSha: SHA_A });
    expect(effectTypes(out.effects)).toEqual([
      "complete_check_run",
      "merge_pr",
      "update_status_comment",
      "update_dashboard",
    ]);
    expect(effectOf(out.effects, "merge_pr")?.expectedHeadSha).toBe(SHA_A);
  });

  it("skips stages the config leaves out", () => {
    const config = configWith({ stages: { issue: ["implement", "review"] } });
    const out = transition(aState({ item: runningItem("implement"), config }), ev.result());
    expect(out.state.item.openRun?.stage).toBe("review");
  });

  it("stops at a gate the config adds", () => {
    const config = configWith({ gates: { implement: true } });
    const out = transition(aState({ item: runningItem("implement"), config }), ev.result());
    expect(out.state.item).toMatchObject({ state: "awaiting_approval", stage: "implement" });
  });

  it("a kickoff's plan waits for approval", () => {
    const item = { kind: "kickoff", ...runningItem("plan") } as const;
    const out = transition(aState({ item }), ev.result({ headSha: SHA_B }));
    expect(out.state.item).toMatchObject({ state: "awaiting_approval", headSha: SHA_B });
  });

  it("a release with nothing to commit is done and publishes from the default branch", () => {
    const item = { kind: "release", ...runningItem("release", { headSha: null }) } as const;
    const out = transition(aState({ item }), ev.result({ outcome: "no_changes" }));
    expect(out.state.item.state).toBe("done");
    expect(effectOf(out.effects, "publish_release")).toEqual({
      type: "publish_release",
      sha: null,
    });
  });

  it("a release that committed notes merges its PR first", () => {
    const item = { kind: "release", ...runningItem("release", { headSha: null }) } as const;
    const out = transition(aState({ item }), ev.result({ headSha: SHA_B }));
    expect(out.state.item).toMatchObject({ state: "merging", approvedSha: SHA_B });
    expect(effectOf(out.effects, "publish_release")).toBeUndefined();
  });

  it("a person decides when there is nothing to merge", () => {
    const config = configWith({ stages: { issue: ["review"] }, gates: { review: false } });
    const item = runningItem("review", { headSha: null });
    const out = transition(aState({ item, config }), ev.result({ reviewVerdict: "approve" }));
    expect(out.state.item.state).toBe("waiting_for_human");
    expect(effectOf(out.effects, "reply")?.body).toMatch(/^Nothing to merge/);
  });

  it("records the result of a held item but starts nothing", () => {
    const out = transition(aState({ item: runningItem("implement", { held: true }) }), ev.result());
    expect(out.state.item).toMatchObject({ state: "queued", stage: "test", openRun: null });
    expect(effectTypes(out.effects)).toEqual([
      "complete_check_run",
      "update_status_comment",
      "update_dashboard",
    ]);
    expect(effectOf(out.effects, "complete_check_run")?.summary).toBe(
      "The implement stage succeeded. On hold: nothing runs or merges until /hold cancel.",
    );
  });

  it("keeps a held item's merge for /hold cancel", () => {
    const item = runningItem("review", { held: true });
    const out = transition(
      aState({ item, config: ungatedReview }),
      ev.result({ reviewVerdict: "approve" }),
    );
    expect(out.state.item).toMatchObject({ state: "awaiting_approval", approvedSha: SHA_A });
    expect(effectOf(out.effects, "merge_pr")).toBeUndefined();
  });

  it("tells a person when the budget stops the next stage", () => {
    const state = aState({ item: runningItem("implement"), project: { spentUsd: 44 } });
    const out = transition(state, ev.result({ usd: 2 }));
    expect(out.state.item).toMatchObject({ state: "waiting_for_human", stage: "test" });
    expect(out.state.project.spentUsd).toBe(46);
    expect(effectTypes(out.effects)).toEqual([
      "complete_check_run",
      "notify_budget_exhausted",
      "update_status_comment",
      "update_dashboard",
    ]);
  });

  it.each([
    {
      case: "a duplicate",
      item: {},
      event: ev.result(),
      reason: "run 1 is not open: no stage run is open",
    },
    {
      case: "a cancelled run",
      item: runningItem("test", {
        openRun: { id: 2, stage: "test", iteration: 0, status: "queued", usdCap: 5 },
        lastRunId: 2,
      }),
      event: ev.result({ runId: 1 }),
      reason: "run 1 is not the open run (run 2 is)",
    },
    {
      case: "a negative cost",
      item: runningItem("test"),
      event: ev.result({ usd: -1 }),
      reason: "a run cannot cost -1 USD",
    },
    {
      case: "a cost that is not a number",
      item: runningItem("test"),
      event: ev.result({ usd: Number.NaN }),
      reason: "a run cannot cost NaN USD",
    },
  ])("refuses $case", ({ item, event, reason }) => {
    const state = aState({ item });
    expect(transition(state, event)).toEqual({ state, effects: [], rejected: reason });
  });
});
