import { runGit } from "../../changes/run-git.js";

/** The last release tag and what happened since, for the release notes. */
export interface ReleaseHistory {
  /** The newest tag reachable from HEAD; undefined before the first release. */
  lastTag: string | undefined;
  /** `git log --oneline` since that tag (or from the start), newest first. */
  log: string;
}

/** Reads the tags and the log of the checkout; at most `maxCommits` commits. */
export async function readReleaseHistory(root: string, maxCommits = 300): Promise<ReleaseHistory> {
  const tag = await runGit(root, ["describe", "--tags", "--abbrev=0", "HEAD"]).then(
    (out) => out.toString("utf8").trim() || undefined,
    () => undefined,
  );
  const range = tag === undefined ? ["HEAD"] : [`${tag}..HEAD`];
  const log = await runGit(root, [
    "log",
    "--oneline",
    "--no-decorate",
    `--max-count=${maxCommits}`,
    ...range,
  ]);
  return { lastTag: tag, log: log.toString("utf8").trim() };
}
