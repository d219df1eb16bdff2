import { access, readFile } from "node:fs/promises";
import { dirname, join } from "node:path";

/** Whether `path` (relative to `dir`) exists. */
export async function exists(dir: string, path: string): Promise<boolean> {
  try {
    await access(join(dir, path));
    return true;
  } catch {
    return false;
  }
}

/** The first of `paths` that exists in `dir`, or undefined. */
export async function firstExisting(dir: string, paths: readonly string[]) {
  for (const path of paths) if (await exists(dir, path)) return path;
  return undefined;
}

/** A file's text, or undefined when it cannot be read. Reports are capped so a hostile one cannot exhaust memory. */
export async function readText(
  path: string,
  maxBytes = 64 * 1024 * 1024,
): Promise<string | undefined> {
  try {
    const buffer = await readFile(path);
    return buffer.byteLength > maxBytes ? undefined : buffer.toString("utf8");
  } catch {
    return undefined;
  }
}

/**
 * The executable `name` from `node_modules/.bin` in `dir` or a folder
 * above it, as npm scripts find them; undefined when none is installed.
 */
export async function findNodeBin(dir: string, name: string): Promise<string | undefined> {
  for (let current = dir; ; current = dirname(current)) {
    const candidate = join(current, "node_modules", ".bin", name);
    if (await exists(candidate, "")) return candidate;
    if (dirname(current) === current) return undefined;
  }
}

/** Whether the package `name` is installed where `dir`'s code would resolve it. */
export async function hasNodePackage(dir: string, name: string): Promise<boolean> {
  for (let current = dir; ; current = dirname(current)) {
    if (await exists(join(current, "node_modules", name), "package.json")) return true;
    if (dirname(current) === current) return false;
  }
}
