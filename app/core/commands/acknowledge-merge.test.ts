import { describe, expect, it } from "vitest";
import { acknowledgeMerge, MAX_ACKNOWLEDGEMENT_WAIT_MS } from "./acknowledge-merge.js";

const minute = 60_000;

describe("acknowledgeMerge", () => {
  it("merged in the same drain: 👍 alone, nothing to wait for", () => {
    expect(acknowledgeMerge({ itemState: "done", eyesPosted: false, waitedMs: 0 })).toEqual({
      react: "+1",
      wait: false,
    });
  });

  it("waiting for required checks: 👀 once, then waits with no request", () => {
    expect(acknowledgeMerge({ itemState: "merging", eyesPosted: false, waitedMs: 0 })).toEqual({
      react: "eyes",
      wait: true,
    });
    expect(
      acknowledgeMerge({ itemState: "merging", eyesPosted: true, waitedMs: 5 * minute }),
    ).toEqual({
      react: null,
      wait: true,
    });
  });

  it("merged after waiting: 👍 beside the 👀", () => {
    expect(
      acknowledgeMerge({ itemState: "done", eyesPosted: true, waitedMs: 30 * minute }),
    ).toEqual({
      react: "+1",
      wait: false,
    });
  });

  it.each(["awaiting_approval", "cancelled", "gone"])(
    "not merged (%s): 👀, the item's thread says why; never twice",
    (itemState) => {
      expect(acknowledgeMerge({ itemState, eyesPosted: false, waitedMs: 0 })).toEqual({
        react: "eyes",
        wait: false,
      });
      expect(acknowledgeMerge({ itemState, eyesPosted: true, waitedMs: 0 })).toEqual({
        react: null,
        wait: false,
      });
    },
  );

  it("stops following a merge that never ended (a dead-lettered effect reports itself)", () => {
    const waitedMs = MAX_ACKNOWLEDGEMENT_WAIT_MS;
    expect(acknowledgeMerge({ itemState: "merging", eyesPosted: true, waitedMs })).toEqual({
      react: null,
      wait: false,
    });
  });
});
