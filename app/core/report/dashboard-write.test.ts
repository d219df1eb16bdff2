import { describe, expect, it } from "vitest";
import { dashboardDrawnKey, needsDashboardWrite } from "./dashboard-write.js";

const drawn = dashboardDrawnKey(50, "abc");
const base = { forced: false, issueNumber: 50, drawn, bodyDigest: "abc" };

describe("needsDashboardWrite", () => {
  it("skips a redraw that would write the same body to the same issue", () => {
    expect(needsDashboardWrite(base)).toBe(false);
  });

  it("writes a body that changed", () => {
    expect(needsDashboardWrite({ ...base, bodyDigest: "abd" })).toBe(true);
  });

  it("writes when the recorded issue is another one than the last write's (found again, recreated)", () => {
    expect(needsDashboardWrite({ ...base, issueNumber: 51 })).toBe(true);
  });

  it("writes when a person asked, even an unchanged body: their edit or tick is overwritten", () => {
    expect(needsDashboardWrite({ ...base, forced: true })).toBe(true);
  });

  it("writes when nothing is known: no issue yet, or no last write recorded", () => {
    expect(needsDashboardWrite({ ...base, issueNumber: null })).toBe(true);
    expect(needsDashboardWrite({ ...base, drawn: null })).toBe(true);
  });
});
