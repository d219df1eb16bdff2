const SEMVER = /\bv?(\d{1,6})\.(\d{1,6})\.(\d{1,6})\b/;

/** The hidden line that finds a work item's GitHub release again. */
export function releaseMarker(workItemId: number): string {
  return `<!-- quantapilot:release work-item=${workItemId} -->`;
}

/**
 * The tag of a release: the version the release stage named in its title
 * (`v1.2.0`, `1.2.0`), else the next minor after the latest release's tag,
 * else `v0.1.0`. Always `v<major>.<minor>.<patch>`.
 */
export function chooseReleaseTag(title: string, latestTag: string | null): string {
  const named = SEMVER.exec(title);
  if (named) return `v${Number(named[1])}.${Number(named[2])}.${Number(named[3])}`;
  const latest = latestTag === null ? null : SEMVER.exec(latestTag);
  if (!latest) return "v0.1.0";
  return `v${Number(latest[1])}.${Number(latest[2]) + 1}.0`;
}

/** The release's body: the stage's notes (GitHub writes them when there are none) and the marker. */
export function releaseBody(notes: string, workItemId: number): string {
  const marker = releaseMarker(workItemId);
  const room = 125_000 - marker.length - 1;
  return `${notes.trim().slice(0, room)}\n${marker}`.trimStart();
}
