/** GitHub's limit on an issue or pull-request title. */
const TITLE_MAX = 256;

/**
 * The kickoff's title: "Kickoff: " and the README's first heading (the
 * product's name), else the repository's name.
 */
export function kickoffTitle(readme: string, repoName: string): string {
  const heading = /^\s{0,3}#{1,2}\s+(.+?)\s*#*\s*$/m.exec(readme)?.[1];
  const name = heading
    ?.replace(/!\[[^\]]*\]\([^)]*\)/g, "")
    .replace(/\[([^\]]*)\]\([^)]*\)/g, "$1")
    .replace(/[`*_]/g, "")
    .trim();
  return `Kickoff: ${name || repoName}`.slice(0, TITLE_MAX);
}
