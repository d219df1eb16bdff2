/**
 * A small glob matcher for repository paths, enough for protected-path lists:
 *
 * - `*` matches any characters within one path segment (never `/`);
 * - `?` matches exactly one character within a segment;
 * - `**` as a whole segment matches zero or more segments, so `a/**` matches
 *   `a` itself and everything below it, and `**` + `/x` matches `x` at any depth;
 * - a trailing `/` means the directory and everything below it, as in `.gitignore`;
 * - everything else is literal, including `[`, `{` and `\`.
 *
 * Globs are relative to the repository root: `*.pem` matches `key.pem` only
 * at the root; write `**` + `/*.pem` for any depth.
 *
 * Dot-files get no special treatment: `*` matches `.env`. For a protection
 * list, matching too much is the safe mistake.
 *
 * It matches segment by segment with the classic greedy-star algorithm, with
 * no regular expressions, so a hostile path cannot make it backtrack
 * exponentially: time is bounded by pattern length × path length.
 */
export function matchesGlob(
  path: string,
  glob: string,
  options: { caseInsensitive?: boolean } = {},
): boolean {
  const fold = options.caseInsensitive === true ? (s: string) => s.toLowerCase() : (s: string) => s;
  const patternSegments = fold(glob.endsWith("/") ? `${glob}**` : glob).split("/");
  const pathSegments = fold(path).split("/");
  return matchWildcards(
    patternSegments,
    pathSegments,
    (p) => p === "**",
    (p, s) => matchSegment(p, s),
  );
}

// One segment: `*` (zero or more characters) and `?` (one character), by code point.
function matchSegment(pattern: string, segment: string): boolean {
  return matchWildcards(
    Array.from(pattern),
    Array.from(segment),
    (p) => p === "*",
    (p, c) => p === "?" || p === c,
  );
}

/**
 * Greedy wildcard matching with one backtrack point, generic over the unit
 * (characters within a segment, segments within a path). When a mismatch
 * follows a star, the star absorbs one more unit and matching resumes; a
 * later star makes earlier choices final, which is what keeps it linear-ish.
 */
function matchWildcards<T>(
  pattern: readonly T[],
  text: readonly T[],
  isStar: (unit: T) => boolean,
  unitMatches: (patternUnit: T, textUnit: T) => boolean,
): boolean {
  let p = 0;
  let t = 0;
  let starAt = -1;
  let resumeAt = 0;
  while (t < text.length) {
    const unit = pattern[p];
    const textUnit = text[t] as T;
    if (unit !== undefined && isStar(unit)) {
      starAt = p++;
      resumeAt = t;
    } else if (unit !== undefined && unitMatches(unit, textUnit)) {
      p++;
      t++;
    } else if (starAt >= 0) {
      p = starAt + 1;
      t = ++resumeAt;
    } else {
      return false;
    }
  }
  while (p < pattern.length && isStar(pattern[p] as T)) p++;
  return p === pattern.length;
}
