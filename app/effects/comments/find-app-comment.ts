import type { PerformerContext } from "../performer-context.js";

/** A comment this app wrote. */
export interface AppComment {
  id: number;
  body: string;
}

interface ListedComment {
  id: number;
  body?: string;
  user: { login: string } | null;
  performed_via_github_app?: { slug?: string } | null;
}

// Anyone can paste a marker into a comment; only the app's own comments count.
function isOurs(comment: ListedComment, slug: string): boolean {
  return comment.performed_via_github_app?.slug === slug || comment.user?.login === `${slug}[bot]`;
}

/**
 * The first comment on issue or PR `thread` that this app wrote and that
 * carries `marker`, reading page by page and stopping once found. `since`
 * (ISO 8601) skips comments last updated before it.
 */
export async function findAppComment(
  context: Pick<PerformerContext, "octokit" | "ref" | "app">,
  thread: number,
  marker: string,
  since?: string,
): Promise<AppComment | undefined> {
  const { owner, repo } = context.ref;
  const pages = context.octokit.paginate.iterator(
    "GET /repos/{owner}/{repo}/issues/{issue_number}/comments",
    { owner, repo, issue_number: thread, per_page: 100, ...(since === undefined ? {} : { since }) },
  );
  for await (const page of pages) {
    const found = page.data.find(
      (comment) => comment.body?.includes(marker) && isOurs(comment, context.app.slug),
    );
    if (found) return { id: found.id, body: found.body ?? "" };
  }
  return undefined;
}
