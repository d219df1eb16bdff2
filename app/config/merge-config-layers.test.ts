import { describe, expect, it } from "vitest";
import { mergeConfigLayers } from "./merge-config-layers.js";

describe("mergeConfigLayers", () => {
  it("merges mappings key by key, the later layer winning", () => {
    const org = { budgets: { project: { usd: 20 }, stage_run: { usd: 4, turns: 30 } } };
    const repo = { budgets: { stage_run: { usd: 2 } }, max_iterations: 5 };
    expect(mergeConfigLayers([org, repo])).toEqual({
      budgets: { project: { usd: 20 }, stage_run: { usd: 2, turns: 30 } },
      max_iterations: 5,
    });
  });

  it("replaces lists whole, so a file's list reads as the effective one", () => {
    const merged = mergeConfigLayers([
      { allowed_commands: ["npm test", "pytest"] },
      { allowed_commands: ["make"] },
    ]);
    expect(merged).toEqual({ allowed_commands: ["make"] });
  });

  it("lets a value replace a mapping and the reverse, for validation to judge", () => {
    expect(mergeConfigLayers([{ gates: { plan: true } }, { gates: null }])).toEqual({
      gates: null,
    });
    expect(mergeConfigLayers([{ gates: 1 }, { gates: { plan: false } }])).toEqual({
      gates: { plan: false },
    });
  });

  it("keeps a __proto__ key as data instead of changing a prototype", () => {
    const hostile = JSON.parse('{"__proto__": {"polluted": true}}') as unknown;
    const merged = mergeConfigLayers([{ a: 1 }, hostile]) as Record<string, unknown>;
    expect(Object.keys(merged)).toEqual(["a", "__proto__"]);
    expect(Object.getPrototypeOf(merged)).toBe(Object.prototype);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it("is the empty mapping for no layers", () => {
    expect(mergeConfigLayers([])).toEqual({});
  });
});
