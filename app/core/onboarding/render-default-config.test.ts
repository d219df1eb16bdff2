import { describe, expect, it } from "vitest";
import { configSchema } from "../../../contract/config.js";
import { parseConfig } from "../../../contract/parse-config.js";
import { renderDefaultConfig } from "./render-default-config.js";

// The YAML lines are "# key:" at the top and indented below; descriptions are prose.
const uncomment = (text: string) =>
  text
    .split("\n")
    .filter((line) => !line.startsWith("#") || /^# (?:[a-z_]+:|\s)/.test(line))
    .map((line) => line.replace(/^# /, ""))
    .join("\n");

describe("renderDefaultConfig", () => {
  const text = renderDefaultConfig();

  it("parses as written to the all-defaults config", () => {
    const parsed = parseConfig(text);
    expect(parsed).toEqual({ ok: true, config: configSchema.parse({}) });
  });

  it("shows every key, and uncommented the defaults it shows are the defaults", () => {
    for (const key of Object.keys(configSchema.shape))
      expect(text).toMatch(new RegExp(`^#? ?${key}:`, "m"));
    const parsed = parseConfig(uncomment(text));
    expect(parsed).toEqual({ ok: true, config: configSchema.parse({}) });
  });

  it("explains each key above it", () => {
    expect(text).toMatch(/# Which stages run for each kind of work item\.\n# stages:/);
  });

  it("points editors at the JSON Schema and keeps lines short", () => {
    expect(text).toContain("yaml-language-server: $schema=");
    const long = text.split("\n").filter((line) => line.length > 100 && !line.includes("$schema"));
    expect(long).toEqual([]);
  });
});
