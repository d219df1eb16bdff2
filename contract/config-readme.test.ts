import { readFile } from "node:fs/promises";
import { describe, expect, it } from "vitest";
import { createConfigJsonSchema } from "./config/json-schema.js";
import { parseConfig } from "./parse-config.js";

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === "object" && value !== null && !Array.isArray(value);

// The dotted path of every leaf key (one that is not a mapping of fixed keys).
function leafPaths(schema: unknown, prefix = ""): string[] {
  const properties = isRecord(schema) ? schema.properties : undefined;
  if (!isRecord(properties)) return [prefix];
  return Object.entries(properties).flatMap(([key, child]) =>
    leafPaths(child, prefix === "" ? key : `${prefix}.${key}`),
  );
}

const ROLE_KEY = /^models\.(architect|developer|qa|reviewer|devops)\./;

describe("README.md configuration reference", async () => {
  const markdown = await readFile(new URL("../README.md", import.meta.url), "utf8");

  it.each(
    leafPaths(createConfigJsonSchema()).map((path) => path.replace(ROLE_KEY, "models.<role>.")),
  )("documents `%s` in its table", (path) => {
    expect(markdown).toContain(`| \`${path}\` |`);
  });

  it("shows an example that is a valid config", () => {
    const example = /```yaml\n([\s\S]*?)```/.exec(markdown)?.[1] ?? "";
    expect(example).toContain("version: 1");
    expect(parseConfig(example)).toMatchObject({ ok: true });
  });
});
