import { describe, expect, it } from "vitest";
import { decideDashboardState } from "./dashboard-open-state.js";

const T1 = "2026-11-24T10:00:00Z";
const T2 = "2026-11-24T10:05:00Z";
const never = { closed: false, at: null };

describe("decideDashboardState", () => {
  it("records a close of a dashboard never closed before, with no redraw", () => {
    expect(decideDashboardState(never, { closed: true, at: T1 })).toEqual({
      apply: true,
      state: { closed: true, at: T1 },
      redraw: false,
    });
  });

  it("records a reopen after a close and redraws what the closed dashboard missed", () => {
    expect(decideDashboardState({ closed: true, at: T1 }, { closed: false, at: T2 })).toEqual({
      apply: true,
      state: { closed: false, at: T2 },
      redraw: true,
    });
  });

  it("ignores a close delivered after the later reopen: the dashboard stays open", () => {
    expect(decideDashboardState({ closed: false, at: T2 }, { closed: true, at: T1 })).toEqual({
      apply: false,
      reason: "older than the state stored",
    });
  });

  it("ignores a reopen delivered after the later close: the dashboard stays closed", () => {
    const verdict = decideDashboardState({ closed: true, at: T2 }, { closed: false, at: T1 });
    expect(verdict.apply).toBe(false);
  });

  it("calls the same change delivered twice a duplicate", () => {
    expect(decideDashboardState({ closed: true, at: T1 }, { closed: true, at: T1 })).toEqual({
      apply: false,
      reason: "already recorded",
    });
  });

  it("lets the later delivery win within the same second", () => {
    const verdict = decideDashboardState({ closed: true, at: T1 }, { closed: false, at: T1 });
    expect(verdict).toMatchObject({ apply: true, state: { closed: false }, redraw: true });
  });

  it("a reopen of a dashboard never closed needs no redraw", () => {
    expect(decideDashboardState(never, { closed: false, at: T1 })).toMatchObject({
      apply: true,
      redraw: false,
    });
  });

  it("refuses a time it cannot read instead of storing it", () => {
    expect(decideDashboardState(never, { closed: true, at: "yesterday" })).toEqual({
      apply: false,
      reason: 'unreadable time "yesterday"',
    });
  });
});
