/**
 * Links to pages people open, built from the REST API's base URL so that
 * GitHub Enterprise Server and GHE.com (data residency) get their own host.
 */

/** The web root for an API base URL: api.github.com → github.com, `<host>/api/v3` → `<host>`. */
export function githubWebUrl(apiBaseUrl: string): string {
  const url = new URL(apiBaseUrl);
  if (url.hostname.startsWith("api.")) return `${url.protocol}//${url.hostname.slice(4)}`;
  return url.origin;
}

/** Where one repository's pages live. */
export interface RepoLocation {
  web: string;
  owner: string;
  repo: string;
}

/** A check run's page. */
export function checkRunUrl(at: RepoLocation, checkRunId: number): string {
  return `${at.web}/${at.owner}/${at.repo}/runs/${checkRunId}`;
}

/** A workflow run's page: the job log people open when a stage misbehaves. */
export function workflowRunUrl(at: RepoLocation, workflowRunId: number): string {
  return `${at.web}/${at.owner}/${at.repo}/actions/runs/${workflowRunId}`;
}

/** An issue or pull request (GitHub redirects /issues/N to /pull/N for a PR). */
export function issueUrl(at: RepoLocation, issueNumber: number): string {
  return `${at.web}/${at.owner}/${at.repo}/issues/${issueNumber}`;
}
