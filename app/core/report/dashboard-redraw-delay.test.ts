import { describe, expect, it } from "vitest";
import { DASHBOARD_BURST_MS, dashboardRedrawDelayMs } from "./dashboard-redraw-delay.js";

describe("dashboardRedrawDelayMs", () => {
  it("lets a pipeline change wait for the rest of its burst", () => {
    expect(dashboardRedrawDelayMs("pipeline")).toBe(DASHBOARD_BURST_MS);
    expect(DASHBOARD_BURST_MS).toBeGreaterThan(0);
  });

  it("keeps the lag of a project-wide overview short: at most a quarter of a minute", () => {
    expect(DASHBOARD_BURST_MS).toBeLessThanOrEqual(15_000);
  });

  it("redraws at once for a person acting on the dashboard itself", () => {
    expect(dashboardRedrawDelayMs("person")).toBe(0);
  });
});
