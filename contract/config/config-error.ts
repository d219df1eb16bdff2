/** A problem in a config file, pointing at the key it concerns. */
export type ConfigError = {
  /** Dotted key path, e.g. "models.developer.chain.0.base_url"; "" for the whole file. */
  path: string;
  /** 1-based line of the key, or of its nearest ancestor present in the file. */
  line?: number;
  /** 1-based column on that line. */
  column?: number;
  message: string;
};

export type ConfigPath = readonly (string | number)[];
export type Position = { line: number; column: number };

/** One validation issue, before it is placed in a file. */
export type ConfigIssue = { path: ConfigPath; message: string };

export function toConfigError(issue: ConfigIssue, position?: Position): ConfigError {
  return { path: issue.path.join("."), ...position, message: issue.message };
}

// Top to bottom, as an author reads the file; errors without a line go last.
function byPosition(a: ConfigError, b: ConfigError): number {
  const line = (a.line ?? Number.MAX_SAFE_INTEGER) - (b.line ?? Number.MAX_SAFE_INTEGER);
  return line !== 0 ? line : (a.column ?? 0) - (b.column ?? 0);
}

/** A sorted copy: errors in file order, those without a line last. */
export function sortConfigErrors(errors: readonly ConfigError[]): ConfigError[] {
  return [...errors].sort(byPosition);
}

function formatConfigError(error: ConfigError, fileName: string): string {
  const where =
    error.line === undefined ? fileName : `${fileName}:${error.line}:${error.column ?? 1}`;
  const what = error.path === "" ? error.message : `${error.path}: ${error.message}`;
  return `${where} ${what}`;
}

/**
 * One line per error, in the `file:line:column` form editors and terminals
 * link to, e.g. `.github/quantapilot.yml:12:5 budgets.stage_run.usd: must be greater than 0`.
 */
export function formatConfigErrors(errors: readonly ConfigError[], fileName: string): string {
  return errors.map((error) => formatConfigError(error, fileName)).join("\n");
}
