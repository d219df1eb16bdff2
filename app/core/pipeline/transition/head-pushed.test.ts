import { describe, expect, it } from "vitest";
import {
  aState,
  awaitingItem,
  effectOf,
  effectTypes,
  ev,
  runningItem,
  SHA_A,
  SHA_B,
} from "../pipeline-fixtures.js";
import { transition } from "../transition.js";

const approvedHeld = awaitingItem("review", { held: true, approvedSha: SHA_A });
const merging = awaitingItem("review", { state: "merging", approvedSha: SHA_A });

describe("head_pushed", () => {
  it("follows the head of an unapproved item", () => {
    const out = transition(aState({ item: runningItem("test") }), ev.pushed(SHA_B));
    expect(out.state.item.headSha).toBe(SHA_B);
    expect(effectTypes(out.effects)).toEqual(["update_status_comment", "update_dashboard"]);
  });

  it("voids an approval when the tree changed", () => {
    const out = transition(aState({ item: approvedHeld }), ev.pushed(SHA_B));
    expect(out.state.item).toMatchObject({
      headSha: SHA_B,
      approvedSha: null,
      state: "awaiting_approval",
    });
    expect(effectOf(out.effects, "reply")?.body).toBe(
      "New commits at bbbbbbb: the approval of aaaaaaa no longer holds. Approve the new head to merge it.",
    );
    expect(transition(out.state, ev.unhold()).state.item.state).toBe("awaiting_approval");
  });

  it("carries an approval to a new commit with the same tree", () => {
    const out = transition(aState({ item: approvedHeld }), ev.pushed(SHA_B, true));
    expect(out.state.item).toMatchObject({ headSha: SHA_B, approvedSha: SHA_B });
    expect(effectTypes(out.effects)).toEqual(["update_status_comment", "update_dashboard"]);
  });

  it("stops a merge in flight when the tree changed: a person approves again", () => {
    const out = transition(aState({ item: merging }), ev.pushed(SHA_B));
    expect(out.state.item).toMatchObject({
      state: "awaiting_approval",
      approvedSha: null,
      headSha: SHA_B,
    });
    expect(effectOf(out.effects, "merge_pr")).toBeUndefined();
    const approved = transition(out.state, ev.approve(SHA_B));
    expect(effectOf(approved.effects, "merge_pr")?.expectedHeadSha).toBe(SHA_B);
  });

  it("asks again for a merge in flight at the new commit when the tree is the same", () => {
    const out = transition(aState({ item: merging }), ev.pushed(SHA_B, true));
    expect(out.state.item).toMatchObject({ state: "merging", approvedSha: SHA_B });
    expect(effectOf(out.effects, "merge_pr")?.expectedHeadSha).toBe(SHA_B);
  });

  it("refuses the push of the head it already has (the app's own commit)", () => {
    const state = aState({ item: runningItem("test") });
    expect(transition(state, ev.pushed(SHA_A))).toEqual({
      state,
      effects: [],
      rejected: "the head is already aaaaaaa",
    });
  });
});
