// Writes contract/quantapilot.schema.json from the zod schema (`npm run schema`).
// contract/quantapilot-schema.test.ts fails when the committed file is stale.
import { writeFile } from "node:fs/promises";
import { renderConfigJsonSchema } from "../contract/config/json-schema.js";

const target = new URL("../contract/quantapilot.schema.json", import.meta.url);
await writeFile(target, renderConfigJsonSchema());
console.log(`wrote ${target.pathname}`);
