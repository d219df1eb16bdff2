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
  SHA_B,
  SHA_C,
} from "../pipeline-fixtures.js";
import { transition } from "../transition.js";

const merging = awaitingItem("review", { state: "merging", approvedSha: SHA_A });
const parallel = configWith({ milestones: { sequential: false } });

describe("merged", () => {
  it.each([
    { case: "an issue", item: merging, config: undefined, follow: [] },
    {
      case: "the kickoff: one issue per milestone, the first started",
      item: { ...merging, kind: "kickoff", stage: "plan" },
      config: undefined,
      follow: [{ type: "create_milestone_issues", planSha: SHA_C, startAll: false }],
    },
    {
      case: "the kickoff, milestones in parallel: all started",
      item: { ...merging, kind: "kickoff", stage: "plan" },
      config: parallel,
      follow: [{ type: "create_milestone_issues", planSha: SHA_C, startAll: true }],
    },
    {
      case: "a milestone with more to come: the next one",
      item: { ...merging, milestone: { index: 2, remaining: 3 } },
      config: undefined,
      follow: [{ type: "start_next_milestone", after: 2 }],
    },
    {
      case: "a parallel milestone with others still open: nothing",
      item: { ...merging, milestone: { index: 2, remaining: 3 } },
      config: parallel,
      follow: [],
    },
    {
      case: "the last milestone: the release",
      item: { ...merging, milestone: { index: 4, remaining: 0 } },
      config: undefined,
      follow: [{ type: "start_release" }],
    },
  ] as const)("finishes $case", ({ item, config, follow }) => {
    const out = transition(aState(config ? { item, config } : { item }), ev.merged(SHA_C));
    expect(out.state.item.state).toBe("done");
    expect(out.effects).toEqual([
      ...follow,
      { type: "update_status_comment" },
      { type: "update_dashboard" },
    ]);
  });

  it("accepts a merge made by hand, cancelling the open run", () => {
    const out = transition(aState({ item: runningItem("review") }), ev.merged(SHA_C));
    expect(out.state.item).toMatchObject({ state: "done", openRun: null });
    expect(effectTypes(out.effects)).toEqual([
      "cancel_workflow_run",
      "complete_check_run",
      "update_status_comment",
      "update_dashboard",
    ]);
  });

  it("publishes a release once its PR is merged", () => {
    const item = { kind: "release", ...runningItem("release"), state: "merging" } as const;
    const out = transition(aState({ item }), ev.merged(SHA_C));
    expect(out.state.item.state).toBe("done");
    expect(out.effects).toContainEqual({ type: "publish_release", sha: SHA_C });
  });
});

describe("merge_blocked", () => {
  it("hands the merge back to a person, who fixes it and approves again", () => {
    const out = transition(
      aState({ item: merging }),
      ev.blocked(SHA_A, "2 required checks failed"),
    );
    expect(out.state.item).toMatchObject({ state: "awaiting_approval", approvedSha: null });
    expect(effectOf(out.effects, "reply")?.body).toBe(
      "The merge of aaaaaaa was blocked: 2 required checks failed. Fix it, then approve again.",
    );
    const fixed = transition(out.state, ev.pushed(SHA_B));
    expect(transition(fixed.state, ev.approve(SHA_B)).state.item.state).toBe("merging");
  });

  it.each([
    {
      case: "a refusal of an older merge attempt",
      item: { ...merging, headSha: SHA_B, approvedSha: SHA_B },
      reason: "a newer merge, of bbbbbbb, is under way",
    },
    {
      case: "when no merge is under way",
      item: awaitingItem("review"),
      reason: "no merge is under way",
    },
  ] as const)("refuses $case", ({ item, reason }) => {
    expect(transition(aState({ item }), ev.blocked(SHA_A)).rejected).toBe(reason);
  });
});
