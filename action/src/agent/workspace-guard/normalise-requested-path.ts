/** A path the agent asked for, made relative and `/`-separated, or why it cannot be. */
export type NormalisedPath =
  | { ok: true; relative: string }
  | { ok: false; code: "invalid_path" | "outside_workspace"; message: string };

/**
 * Turns what the agent wrote into a plain relative path: `./src//a.ts`
 * becomes `src/a.ts` and `.` or `""` the root. Refused before the disk is
 * touched: NUL (C APIs would cut the path there), absolute paths, a home
 * directory (`~`), and `..` anywhere, even `a/../b`, because a plain path is
 * all an agent needs and lexical `..` is how escapes start.
 */
export function normaliseRequestedPath(path: string): NormalisedPath {
  if (path.includes("\u0000")) return invalid(`"${printable(path)}" contains a NUL character.`);
  if (/^([/\\~]|[A-Za-z]:)/.test(path)) {
    return invalid(
      `"${path}" is absolute; give a path relative to the workspace root, e.g. "src/index.ts".`,
    );
  }
  const segments = path.split("/").filter((segment) => segment !== "" && segment !== ".");
  if (segments.includes("..")) {
    return {
      ok: false,
      code: "outside_workspace",
      message: `"${path}" has a ".." segment; paths must stay inside the workspace, relative to its root.`,
    };
  }
  return { ok: true, relative: segments.join("/") };
}

function invalid(message: string): NormalisedPath {
  return { ok: false, code: "invalid_path", message };
}

function printable(path: string): string {
  return path.replaceAll("\u0000", "\\0");
}
