import { describe, expect, it } from "vitest";
import { checksWait, MAX_CHECKS_WAIT_MS } from "./checks-wait.js";

const minutes = (n: number) => n * 60_000;

describe("checksWait", () => {
  it("asks again after two minutes at first, growing with the wait, at most fifteen", () => {
    expect(checksWait(0)).toEqual({ kind: "wait", delayMs: minutes(2) });
    expect(checksWait(minutes(20))).toEqual({ kind: "wait", delayMs: minutes(5) });
    expect(checksWait(minutes(600))).toEqual({ kind: "wait", delayMs: minutes(15) });
  });

  it("gives up after a day, saying why", () => {
    expect(checksWait(MAX_CHECKS_WAIT_MS)).toEqual({
      kind: "give_up",
      reason: "required checks did not finish within 24 hours",
    });
    expect(checksWait(MAX_CHECKS_WAIT_MS - 1).kind).toBe("wait");
  });

  it("treats a clock that went backwards as no wait", () => {
    expect(checksWait(-minutes(5))).toEqual({ kind: "wait", delayMs: minutes(2) });
  });
});
