import type { ProbotOctokit } from "probot";

/** The workflow file target repositories run for every stage (its canonical copy is ours). */
export const STAGE_WORKFLOW_FILE = "quantapilot.yml";

/** Where it lives: results are accepted only from a run of this file on the default branch. */
export const STAGE_WORKFLOW_PATH = `.github/workflows/${STAGE_WORKFLOW_FILE}`;

/**
 * The `run-name` the workflow gives the run of stage run `id`. The app
 * recognises its own dispatches by it: the dispatch API returns no run id.
 */
export function stageRunName(id: number): string {
  return `QuantaPilot stage run ${id}`;
}

/**
 * The id of the workflow run named for stage run `id`, looking back from the
 * newest dispatched run to `since`; undefined when none is listed. GitHub's
 * `created` filter would take search syntax (">=…"), which its own OpenAPI
 * description does not allow, so the pages are read until they are older.
 */
export async function findStageWorkflowRun(
  octokit: Pick<ProbotOctokit, "paginate">,
  repository: { owner: string; repo: string },
  id: number,
  since: Date,
): Promise<number | undefined> {
  const pages = octokit.paginate.iterator(
    "GET /repos/{owner}/{repo}/actions/workflows/{workflow_id}/runs",
    { ...repository, workflow_id: STAGE_WORKFLOW_FILE, event: "workflow_dispatch", per_page: 100 },
  );
  for await (const { data } of pages) {
    const found = data.find((run) => run.display_title === stageRunName(id));
    if (found !== undefined) return found.id;
    if (data.some((run) => Date.parse(run.created_at) < since.getTime())) return undefined;
  }
  return undefined;
}
