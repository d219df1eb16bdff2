import type { RepoLocation } from "../../core/report/links.js";
import { githubWebUrl } from "../../core/report/links.js";
import type { PerformerContext } from "../performer-context.js";

/** Where the work item's repository lives on the web, for links in check runs and comments. */
export function repoLocation(context: Pick<PerformerContext, "octokit" | "ref">): RepoLocation {
  const web = githubWebUrl(context.octokit.request.endpoint.DEFAULTS.baseUrl);
  return { web, owner: context.ref.owner, repo: context.ref.repo };
}
