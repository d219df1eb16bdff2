import { type ConfigError, sortConfigErrors, toConfigError } from "./config/config-error.js";
import { readConfigDocument } from "./config/read-config-document.js";
import { validateConfig } from "./config/validate-config.js";
import type { QuantaPilotConfig } from "./config.js";

export {
  type ConfigError,
  type ConfigIssue,
  type ConfigPath,
  formatConfigErrors,
  type Position,
  sortConfigErrors,
  toConfigError,
} from "./config/config-error.js";
export {
  type ConfigDocument,
  MAX_CONFIG_BYTES,
  MAX_YAML_ALIASES,
  readConfigDocument,
} from "./config/read-config-document.js";
export { type ValidateConfigResult, validateConfig } from "./config/validate-config.js";

export type ParseConfigResult =
  | { ok: true; config: QuantaPilotConfig }
  | { ok: false; errors: ConfigError[] };

/**
 * Parses and validates the text of `.github/quantapilot.yml`. Every error
 * names its key path and, where the text allows, the line and column.
 * An empty file is the all-defaults config.
 */
export function parseConfig(text: string): ParseConfigResult {
  const document = readConfigDocument(text);
  if (!document.ok) return document;
  const result = validateConfig(document.value);
  if (result.ok) return { ok: true, config: result.config };
  const errors = result.issues.map((issue) => toConfigError(issue, document.locate(issue.path)));
  return { ok: false, errors: sortConfigErrors(errors) };
}
