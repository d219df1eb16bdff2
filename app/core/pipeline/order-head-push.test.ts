import { describe, expect, it } from "vitest";
import { orderHeadPush } from "./order-head-push.js";

const [A, B, C, D] = ["a", "b", "c", "d"].map((c) => c.repeat(40)) as [
  string,
  string,
  string,
  string,
];

describe("orderHeadPush", () => {
  it("moves forward when the push continues from the head we hold", () => {
    expect(orderHeadPush(A, { before: A, after: B })).toEqual({ kind: "forward", from: A });
  });

  it("moves forward from the push's own before when no head is held yet", () => {
    expect(orderHeadPush(null, { before: A, after: B })).toEqual({ kind: "forward", from: A });
    expect(orderHeadPush(null, { before: null, after: B })).toEqual({
      kind: "forward",
      from: null,
    });
  });

  it("calls a push of the head we already hold a duplicate", () => {
    expect(orderHeadPush(B, { before: A, after: B })).toEqual({ kind: "duplicate" });
    expect(orderHeadPush(B, { before: B, after: B })).toEqual({ kind: "duplicate" });
  });

  it("cannot tell a push that skips a commit we have not seen without the PR's head", () => {
    expect(orderHeadPush(A, { before: B, after: C })).toEqual({ kind: "unknown" });
    expect(orderHeadPush(A, { before: null, after: C })).toEqual({ kind: "unknown" });
  });

  it("takes a late-arriving newer push (A→B lost or late, B→C first) when C is the PR's head", () => {
    expect(orderHeadPush(A, { before: B, after: C }, C)).toEqual({ kind: "forward", from: A });
  });

  it("ignores the older push delivered after a newer one: the head never moves back", () => {
    // Pushes A→B then B→C; B→C arrived first and moved us to C.
    expect(orderHeadPush(C, { before: A, after: B })).toEqual({ kind: "unknown" });
    expect(orderHeadPush(C, { before: A, after: B }, C)).toEqual({ kind: "stale" });
  });

  it("ignores a push that a later force-push replaced", () => {
    expect(orderHeadPush(A, { before: B, after: C }, D)).toEqual({ kind: "stale" });
  });

  it("a current head equal to the held one makes any other push stale", () => {
    expect(orderHeadPush(A, { before: B, after: C }, A)).toEqual({ kind: "stale" });
  });
});
