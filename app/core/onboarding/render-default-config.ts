import { stringify } from "yaml";
import { CONFIG_SCHEMA_ID, createConfigJsonSchema } from "../../../contract/config/json-schema.js";
import { configSchema } from "../../../contract/config.js";

const HEADER = [
  "# QuantaPilot configuration (https://github.com/quantapilot/quantapilot#configuration).",
  "# Every key is optional: the commented lines show each default. Uncomment and",
  "# change what you need; the app validates this file on every push to the",
  "# default branch and reports mistakes with their line.",
  `# yaml-language-server: $schema=${CONFIG_SCHEMA_ID}`,
];

function wrap(text: string, width = 76): string[] {
  const lines: string[] = [];
  let line = "";
  for (const word of text.split(/\s+/).filter(Boolean)) {
    if (line !== "" && line.length + word.length + 1 > width) {
      lines.push(line);
      line = word;
    } else {
      line = line === "" ? word : `${line} ${word}`;
    }
  }
  return line === "" ? lines : [...lines, line];
}

function descriptions(): Record<string, string> {
  const schema = createConfigJsonSchema() as {
    properties?: Record<string, { description?: string }>;
  };
  return Object.fromEntries(
    Object.entries(schema.properties ?? {}).map(([key, value]) => [key, value.description ?? ""]),
  );
}

function commentedSection(key: string, value: unknown, description: string): string[] {
  const yaml = stringify({ [key]: value }, { lineWidth: 0 })
    .trimEnd()
    .split("\n");
  return [...wrap(description).map((line) => `# ${line}`), ...yaml.map((line) => `# ${line}`)];
}

/**
 * The `.github/quantapilot.yml` the onboarding PR adds: `version: 1` and every
 * other key commented out with its default and its description, both taken
 * from the config schema, so the file can never drift from what the app reads.
 * As written it is the all-defaults config.
 */
export function renderDefaultConfig(): string {
  const defaults = configSchema.parse({}) as Record<string, unknown>;
  const said = descriptions();
  const sections = Object.entries(defaults)
    .filter(([key]) => key !== "version")
    .map(([key, value]) => commentedSection(key, value, said[key] ?? "").join("\n"));
  return `${[...HEADER, "", "version: 1", "", sections.join("\n\n")].join("\n")}\n`;
}
