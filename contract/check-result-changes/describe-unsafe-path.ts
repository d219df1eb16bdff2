// Characters HFS+ ignores in names, so ".g\u200cit" would still be ".git" on a Mac.
const IGNORABLE = /[\u200b-\u200f\u202a-\u202e\u2060-\u2063\ufeff]/g;

// Git's own list of names that alias .git: any case, Windows' trailing dots
// and spaces, the 8.3 short name, and HFS+ ignorable characters.
function isGitDirectory(segment: string): boolean {
  const name = segment
    .replace(IGNORABLE, "")
    .replace(/[. ]+$/, "")
    .toLowerCase();
  return name === ".git" || name === "git~1";
}

const RULES: readonly [test: (path: string, segments: string[]) => boolean, problem: string][] = [
  [(p) => p.includes("\u0000"), "contains a NUL character"],
  // biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are what we refuse.
  [(p) => /[\u0001-\u001f\u007f]/.test(p), "contains a control character"],
  [(p) => p.includes("\\"), "contains a backslash; paths use forward slashes"],
  [
    (p) => p.startsWith("/") || /^[A-Za-z]:/.test(p),
    "is absolute; paths are relative to the repository root",
  ],
  [(_, s) => s.includes(""), "has an empty segment (a leading, trailing or doubled /)"],
  [(_, s) => s.includes(".."), 'has a ".." segment, which could leave the repository'],
  [(_, s) => s.includes("."), 'has a "." segment; paths are written out in full'],
  [(_, s) => s.some(isGitDirectory), "is inside .git, which holds the repository itself"],
];

/**
 * Why `path` cannot be written as given, or undefined when it is a plain
 * relative path inside the repository and outside `.git`.
 */
export function describeUnsafePath(path: string): string | undefined {
  const segments = path.split("/");
  return RULES.find(([test]) => test(path, segments))?.[1];
}

/**
 * Where a symlink at `linkPath` pointing at `target` lands, as a path from the
 * repository root, or undefined when it is absolute or climbs out.
 */
export function resolveLinkTarget(linkPath: string, target: string): string | undefined {
  if (target.startsWith("/") || target.includes("\\") || /^[A-Za-z]:/.test(target))
    return undefined;
  const resolved = linkPath.split("/").slice(0, -1);
  for (const segment of target.split("/")) {
    if (segment === "..") {
      if (resolved.pop() === undefined) return undefined;
    } else if (segment !== "" && segment !== ".") {
      resolved.push(segment);
    }
  }
  return resolved.join("/");
}
