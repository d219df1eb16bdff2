/** A version as `MAJOR.MINOR.PATCH` numbers. */
export type SemVer = readonly [number, number, number];

const ENTRY = /^##\s+\[?v?(\d+)\.(\d+)\.(\d+)(?:[-+][0-9A-Za-z.-]+)?\]?(?:\s|$)/;

/**
 * The version of the newest entry of a Keep-a-Changelog file: the first
 * `## [1.2.0] - 2026-01-31` heading (an `## [Unreleased]` heading before it
 * is skipped). Undefined when no entry names a version.
 */
export function parseChangelogVersion(markdown: string): SemVer | undefined {
  for (const line of markdown.split(/\r?\n/)) {
    const match = ENTRY.exec(line);
    if (match) return [Number(match[1]), Number(match[2]), Number(match[3])];
  }
  return undefined;
}

/** `v1.2.0` → [1, 2, 0]; undefined for a tag that is not a version. */
export function parseVersionTag(tag: string): SemVer | undefined {
  const match = /^v?(\d+)\.(\d+)\.(\d+)$/.exec(tag.trim());
  return match ? [Number(match[1]), Number(match[2]), Number(match[3])] : undefined;
}

/** Whether `a` is a later version than `b`. */
export function isLater(a: SemVer, b: SemVer): boolean {
  for (let i = 0; i < 3; i++) if (a[i] !== b[i]) return (a[i] ?? 0) > (b[i] ?? 0);
  return false;
}

/** `v1.2.0`. */
export function formatTag(version: SemVer): string {
  return `v${version.join(".")}`;
}
