import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { buildStageResult } from "./run/build-stage-result.js";
import {
  finishCall,
  type StageTestBed,
  startStageTestBed,
  writeCall,
} from "./testing/stage-test-bed.js";

const DIGEST = "e".repeat(64);
let bed: StageTestBed;
beforeEach(async () => {
  bed = await startStageTestBed({ "README.md": "# Notes\n" });
});
afterEach(() => bed.close());

describe("the test stage", () => {
  it("runs the quality checks after the agent and reports a gate that fails on data, with its reasons as findings", async () => {
    bed.script(
      [writeCall("notes.txt", "a test plan\n")],
      [finishCall("Everything is tested, trust me.")],
    );
    const spec = bed.spec({ stage: "test", role: "qa" });
    const result = buildStageResult(spec, await bed.run(spec), DIGEST);
    expect(result.outcome).toBe("succeeded");
    expect(result.quality_report).toMatchObject({ tests: null, gate: { passed: false } });
    expect(result.findings.length).toBeGreaterThan(0);
    expect(result.findings.every((f) => f.severity === "error")).toBe(true);
    expect(result.pr.body + result.commit_message).toMatch(/Quality gate failed/);
    expect(result.changes.map((c) => c.path)).toEqual(["notes.txt"]);
  });
});
