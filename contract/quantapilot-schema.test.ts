import { readFile } from "node:fs/promises";
import { describe, expect, it } from "vitest";
import {
  CONFIG_SCHEMA_ID,
  createConfigJsonSchema,
  renderConfigJsonSchema,
} from "./config/json-schema.js";

describe("contract/quantapilot.schema.json", () => {
  it("is the schema generated from contract/config.ts (run `npm run schema` to update it)", async () => {
    const committed = await readFile(new URL("./quantapilot.schema.json", import.meta.url), "utf8");
    expect(committed, "stale: run `npm run schema` and commit the result").toBe(
      renderConfigJsonSchema(),
    );
  });

  it("describes the file's input side, for editors", () => {
    const schema = createConfigJsonSchema();
    expect(schema).toMatchObject({
      $schema: "https://json-schema.org/draft/2020-12/schema",
      $id: CONFIG_SCHEMA_ID,
      title: expect.stringContaining("QuantaPilot"),
      type: "object",
      additionalProperties: false,
    });
    expect(schema).not.toHaveProperty("required");
  });

  it("carries defaults and descriptions down to the leaves", () => {
    const usd = {
      type: "number",
      default: 5,
      exclusiveMinimum: 0,
      description: expect.any(String),
    };
    expect(createConfigJsonSchema()).toMatchObject({
      properties: { budgets: { properties: { stage_run: { properties: { usd } } } } },
    });
  });
});
