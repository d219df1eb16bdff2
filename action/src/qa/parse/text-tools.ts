import { isAbsolute, relative, sep } from "node:path";

/** `text` cut to `max` characters, with an ellipsis when cut. */
export function clip(text: string, max: number): string {
  return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}

/** A percentage to two decimals, as reports show it. */
export function roundPct(value: number): number {
  return Math.min(100, Math.max(0, Math.round(value * 100) / 100));
}

/**
 * `path` relative to the checkout `dir`, with forward slashes, as GitHub
 * annotates it; undefined when it lies outside (a dependency, a temp file).
 */
export function toRepoPath(dir: string, path: string): string | undefined {
  const rel = isAbsolute(path) ? relative(dir, path) : path.replace(/^\.\//, "");
  if (rel === "" || rel.startsWith("..") || isAbsolute(rel)) return undefined;
  return rel.split(sep).join("/");
}

/** JSON.parse that says what was wrong instead of throwing. */
export function parseJson(
  text: string,
  what: string,
): { ok: true; value: unknown } | { ok: false; why: string } {
  try {
    return { ok: true, value: JSON.parse(text) };
  } catch (error) {
    const snippet = clip(text.trim().replace(/\s+/g, " "), 80);
    const detail = error instanceof Error ? error.message : String(error);
    return { ok: false, why: `${what} is not valid JSON (${detail}): "${snippet}"` };
  }
}

// ANSI colour codes in failure messages are noise in a check run.
const ANSI = new RegExp(`${String.fromCharCode(27)}\\[[0-9;]*m`, "g");

/** A failure message without colour codes, cut to the report's limit. */
export function cleanMessage(text: string): string {
  return clip(text.replace(ANSI, "").trim(), 10_000);
}

/** A failure message up to its stack trace: the stack is in the log, the message is what to fix. */
export function withoutStack(text: string): string {
  const at = text.search(/\n\s+at /);
  return at === -1 ? text : text.slice(0, at);
}
