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
} from "../pipeline-fixtures.js";
import { transition } from "../transition.js";

const atReviewGate = aState({ item: awaitingItem("review") });

describe("approve", () => {
  it.each([
    ["the full head SHA", SHA_A],
    ["no SHA (the current head)", undefined],
    ["a seven-character abbreviation", "aaaaaaa"],
    ["an upper-case abbreviation", "AAAAAAAA"],
  ])("at %s merges the last stage at the head", (_case, sha) => {
    const out = transition(atReviewGate, ev.approve(sha));
    expect(out.rejected).toBeUndefined();
    expect(out.state.item).toMatchObject({ state: "merging", approvedSha: SHA_A });
    expect(effectTypes(out.effects)).toEqual([
      "merge_pr",
      "update_status_comment",
      "update_dashboard",
    ]);
    expect(effectOf(out.effects, "merge_pr")?.expectedHeadSha).toBe(SHA_A);
  });

  it("moves a gated middle stage on to the next stage", () => {
    const config = configWith({ gates: { implement: true } });
    const out = transition(aState({ item: awaitingItem("implement"), config }), ev.approve());
    expect(out.state.item).toMatchObject({ state: "running", stage: "test", approvedSha: null });
    expect(effectOf(out.effects, "dispatch_stage")).toMatchObject({ runId: 2, baseSha: SHA_A });
  });

  it("merges a kickoff's approved plan", () => {
    const item = { kind: "kickoff", ...awaitingItem("plan") } as const;
    const out = transition(aState({ item }), ev.approve(SHA_A));
    expect(out.state.item.state).toBe("merging");
  });

  it("records a held item's approval and merges on /hold cancel", () => {
    const held = transition(aState({ item: awaitingItem("review", { held: true }) }), ev.approve());
    expect(held.state.item).toMatchObject({ state: "awaiting_approval", approvedSha: SHA_A });
    expect(effectTypes(held.effects)).toEqual([
      "reply",
      "update_status_comment",
      "update_dashboard",
    ]);
    expect(effectOf(held.effects, "reply")?.body).toBe(
      "@octocat approved aaaaaaa. On hold: it moves on after /hold cancel.",
    );
    const resumed = transition(held.state, ev.unhold());
    expect(resumed.state.item.state).toBe("merging");
    expect(effectOf(resumed.effects, "merge_pr")?.expectedHeadSha).toBe(SHA_A);
  });

  it("merges once when two approvals race", () => {
    const first = transition(atReviewGate, ev.approve());
    const second = transition(first.state, ev.approve());
    expect(second.rejected).toBe("nothing awaits approval. Merging aaaaaaa.");
    expect(second.effects).toEqual([]);
  });

  it.each([
    {
      case: "a stale SHA",
      state: atReviewGate,
      sha: SHA_B,
      reason: "bbbbbbb is not the PR head (aaaaaaa): approve the current head",
    },
    {
      case: "a SHA too short to name a commit",
      state: atReviewGate,
      sha: "aaaaaa",
      reason: "aaaaaa is not the PR head (aaaaaaa): approve the current head",
    },
    {
      case: "a running item",
      state: aState({ item: runningItem("test") }),
      sha: undefined,
      reason: "nothing awaits approval. The test stage is running.",
    },
    {
      case: "an item waiting for a person",
      state: aState({ item: { state: "waiting_for_human", lastRunId: 1 } }),
      sha: undefined,
      reason:
        "nothing awaits approval. Waiting for a person: /retry [stage], /reject <why>, or /cancel.",
    },
    {
      case: "an approval already given",
      state: aState({ item: awaitingItem("review", { held: true, approvedSha: SHA_A }) }),
      sha: undefined,
      reason: "already approved at aaaaaaa",
    },
    {
      case: "a gate with no commit",
      state: aState({ item: awaitingItem("review", { headSha: null }) }),
      sha: undefined,
      reason: "nothing to approve: the work branch has no commits",
    },
  ])("refuses $case", ({ state, sha, reason }) => {
    expect(transition(state, ev.approve(sha))).toEqual({ state, effects: [], rejected: reason });
  });
});

describe("unapprove", () => {
  it("withdraws an approval not yet acted on", () => {
    const state = aState({ item: awaitingItem("review", { held: true, approvedSha: SHA_A }) });
    const out = transition(state, ev.unapprove());
    expect(out.state.item.approvedSha).toBeNull();
    const resumed = transition(out.state, ev.unhold());
    expect(resumed.state.item.state).toBe("awaiting_approval");
  });

  it.each([
    {
      case: "without an approval",
      item: awaitingItem("review"),
      reason: "there is no approval to withdraw",
    },
    {
      case: "once the merge is under way",
      item: awaitingItem("review", { state: "merging", approvedSha: SHA_A }),
      reason: "too late: the merge is under way",
    },
  ] as const)("refuses $case", ({ item, reason }) => {
    expect(transition(aState({ item }), ev.unapprove()).rejected).toBe(reason);
  });
});
