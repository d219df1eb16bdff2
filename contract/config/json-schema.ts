import { z } from "zod";
import { configFileSchema } from "../config.js";

/** Where editors fetch the schema, e.g. `# yaml-language-server: $schema=<this>`. */
export const CONFIG_SCHEMA_ID =
  "https://raw.githubusercontent.com/quantapilot/quantapilot/main/contract/quantapilot.schema.json";

/**
 * The JSON Schema of `.github/quantapilot.yml` for editors, generated from the
 * zod schema's input side: keys with defaults are optional and carry `default`.
 */
export function createConfigJsonSchema(): Record<string, unknown> {
  const { $schema, title, description, ...schema } = z.toJSONSchema(configFileSchema, {
    io: "input",
    target: "draft-2020-12",
  });
  return { $schema, $id: CONFIG_SCHEMA_ID, title, description, ...schema };
}

/** The committed file's exact text, so a stale copy is a plain string mismatch. */
export function renderConfigJsonSchema(): string {
  return `${JSON.stringify(createConfigJsonSchema(), null, 2)}\n`;
}
