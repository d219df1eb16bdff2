import { parse } from "yaml";

/** A prompt file split into its front matter's version and its body. */
export interface ParsedTemplate {
  /** `version` from the front matter, as text; undefined when there is none. */
  version: string | undefined;
  /** The text after the front matter, trimmed. */
  body: string;
}

const FRONT_MATTER = /^---\r?\n(?:([\s\S]*?)\r?\n)?---[ \t]*(?:\r?\n|$)/;

/**
 * Reads a prompt file: optional YAML front matter between `---` lines (only
 * `version` is used; it goes into the stage result's prompt_versions), then
 * the template body.
 */
export function parseTemplate(text: string, name = "the template"): ParsedTemplate {
  const match = FRONT_MATTER.exec(text);
  if (!match) return { version: undefined, body: text.trim() };
  const meta = parseFrontMatter(match[1] ?? "", name);
  const version = meta.version;
  const known = typeof version === "string" || typeof version === "number";
  return { version: known ? String(version) : undefined, body: text.slice(match[0].length).trim() };
}

function parseFrontMatter(yaml: string, name: string): Record<string, unknown> {
  let meta: unknown;
  try {
    meta = parse(yaml);
  } catch (error) {
    throw new Error(`The front matter of ${name} is not valid YAML: ${(error as Error).message}`);
  }
  if (meta === null || meta === undefined) return {};
  if (typeof meta !== "object" || Array.isArray(meta)) {
    throw new Error(`The front matter of ${name} must be a YAML mapping such as "version: 1".`);
  }
  return meta as Record<string, unknown>;
}
