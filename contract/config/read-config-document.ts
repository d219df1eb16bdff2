import {
  type Document,
  isMap,
  isScalar,
  LineCounter,
  parseDocument,
  visit,
  type YAMLError,
} from "yaml";
import { findDeepNesting, MAX_CONFIG_NESTING } from "./check-nesting.js";
import type { ConfigError, ConfigPath, Position } from "./config-error.js";
import { locateYamlPath } from "./locate-yaml-path.js";

/** Larger files are refused unread: a config is a few kilobytes. */
export const MAX_CONFIG_BYTES = 256 * 1024;
/** Caps alias expansion, so a "billion laughs" file cannot exhaust memory. */
export const MAX_YAML_ALIASES = 100;

/** A config file read from YAML, before validation. */
export type ConfigDocument = {
  value: unknown;
  /** Where a key path is written in the text (or its nearest ancestor). */
  locate: (path: ConfigPath) => Position | undefined;
};

export type ReadConfigDocumentResult =
  | ({ ok: true } & ConfigDocument)
  | { ok: false; errors: ConfigError[] };

type Failure = { ok: false; errors: ConfigError[] };
const fail = (message: string, position?: Position): Failure => ({
  ok: false,
  errors: [{ path: "", ...position, message }],
});

function checkSize(text: string): Failure | undefined {
  // Each UTF-16 unit is at least one UTF-8 byte, so a long string is refused before encoding it.
  const bytes =
    text.length > MAX_CONFIG_BYTES ? text.length : new TextEncoder().encode(text).length;
  if (bytes <= MAX_CONFIG_BYTES) return undefined;
  return fail(
    `the file is ${Math.ceil(bytes / 1024)} KiB; QuantaPilot reads config files of at most ${MAX_CONFIG_BYTES / 1024} KiB`,
  );
}

function syntaxError(error: YAMLError, lines: LineCounter): ConfigError {
  const { line, col } = lines.linePos(error.pos[0]);
  return { path: "", line, column: col, message: `YAML syntax error: ${error.message}` };
}

function firstAlias(doc: Document, lines: LineCounter): Position | undefined {
  let offset: number | undefined;
  visit(doc, {
    Alias(_, node) {
      offset = node.range?.[0];
      return visit.BREAK;
    },
  });
  if (offset === undefined) return undefined;
  const { line, col } = lines.linePos(offset);
  return { line, column: col };
}

// Aliases are expanded only here, under the cap; the parse itself is linear.
function toData(doc: Document, lines: LineCounter): { ok: true; value: unknown } | Failure {
  // Like Probot's loader, a file holding only `~` counts as empty.
  if (doc.contents === null || (isScalar(doc.contents) && doc.contents.value === null)) {
    return { ok: true, value: {} };
  }
  if (!isMap(doc.contents)) {
    const at = locateYamlPath(doc, lines, []);
    return fail(
      "the file must be a mapping of keys (like `version: 1`), not a list or a value",
      at,
    );
  }
  try {
    return { ok: true, value: doc.toJS({ maxAliasCount: MAX_YAML_ALIASES }) };
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    return fail(`YAML aliases could not be expanded: ${reason}`, firstAlias(doc, lines));
  }
}

/**
 * Reads a config file's text as YAML, defensively: oversized text, brackets
 * nested absurdly deep, syntax errors, alias bombs and a top level that is not
 * a mapping are errors with their line; an empty file reads as `{}`.
 */
export function readConfigDocument(text: string): ReadConfigDocumentResult {
  const tooLarge = checkSize(text);
  if (tooLarge) return tooLarge;
  const tooDeep = findDeepNesting(text);
  if (tooDeep) {
    return fail(`brackets nest more than ${MAX_CONFIG_NESTING} levels deep here`, tooDeep);
  }
  const lines = new LineCounter();
  const doc = parseDocument(text, { lineCounter: lines, prettyErrors: false });
  if (doc.errors.length > 0) {
    return { ok: false, errors: doc.errors.map((error) => syntaxError(error, lines)) };
  }
  const data = toData(doc, lines);
  if (!data.ok) return data;
  return { ok: true, value: data.value, locate: (path) => locateYamlPath(doc, lines, path) };
}
