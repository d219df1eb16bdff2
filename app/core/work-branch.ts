/**
 * The work branch of a work item: `quantapilot/<number>-<slug>`. The slug is
 * built from the title but only from `[a-z0-9-]`, so no title can inject path,
 * shell or ref syntax into a branch name.
 */
export function workBranchName(number: number | "kickoff" | "release", title: string): string {
  const words = title
    .normalize("NFKD")
    // Drop the accents NFKD split off, so "café" becomes "cafe" rather than "cafe-".
    .replace(/[\u0300-\u036f]/g, "")
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "");
  // "Kickoff: Todo app" is quantapilot/kickoff-todo-app, not kickoff-kickoff-todo-app.
  const slug = (
    typeof number === "string" ? words.replace(new RegExp(`^${number}(-|$)`), "") : words
  )
    .slice(0, 40)
    .replace(/-+$/g, "");
  return `quantapilot/${number}${slug ? `-${slug}` : ""}`;
}
