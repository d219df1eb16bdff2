import { describe, expect, it } from "vitest";
import { effectDifferences, type JudgedLife } from "./life/effect-differences.js";

const life = (keys: [string, string][], diagnosis: Partial<JudgedLife["diagnosis"]> = {}) => ({
  ledger: keys.map(([kind, key]) => ({ kind, key })),
  diagnosis: { dead: [], failed: [], ...diagnosis },
});

describe("effectDifferences", () => {
  it("is empty when the kinds' counts agree, whatever ids the keys name", () => {
    const twin = life([
      ["dispatch", "o/r stage-run 1"],
      ["pin", "I_1"],
    ]);
    const other = life([
      ["dispatch", "o/r stage-run 2"],
      ["pin", "I_1"],
    ]);
    expect(effectDifferences(twin, other)).toEqual([]);
  });

  it("names a lost effect by kind and key, a dead letter and a failed delivery", () => {
    const twin = life([
      ["pin", "I_1"],
      ["pin", "I_2"],
      ["redelivery_request", "g 1"],
    ]);
    const lossy = life([["pin", "I_1"]], {
      dead: [{ kind: "update_dashboard", key: "dashboard:3", attempts: 8, error: "502" }],
      failed: [{ id: "d-1", event: "issues", action: "labeled", error: "GitHub 500" }],
    });
    expect(effectDifferences(twin, lossy)).toEqual([
      "pin: 1 lost (1 of 2); only in the twin: [I_2]; only here: []",
      "dead-lettered update_dashboard dashboard:3 after 8 attempts: 502",
      "delivery d-1 (issues.labeled) left failed: GitHub 500",
    ]);
  });

  it("counts an extra effect, and lists at most a dozen keys of a kind", () => {
    const many = Array.from({ length: 14 }, (_, i): [string, string] => ["comment", `c${i}`]);
    const [line] = effectDifferences(life([]), life(many));
    expect(line).toMatch(
      /^comment: 14 extra \(14 of 0\); only in the twin: \[\]; only here: \[c0, /,
    );
    expect(line).toContain("… (14)");
  });
});
