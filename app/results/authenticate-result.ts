import type { ProbotOctokit } from "probot";
import type {
  GitHubOidcClaims,
  OidcExpectation,
  OidcFailureCode,
  OidcVerifier,
} from "../oidc/verify-oidc-token.js";
import type { RunForResult } from "../store/stage-runs.js";
import { type Step, stop } from "./answer.js";
import { STAGE_WORKFLOW_PATH, stageRunName } from "./stage-workflow.js";

/** Enough of an installation's Octokit to read one workflow run. */
export type GitHubReader = Pick<ProbotOctokit, "request">;

export interface ResultAuthDeps {
  verifier: OidcVerifier;
  /** The App's slug: the runs it dispatches are started by `<slug>[bot]`. */
  appSlug: string;
  /** The installation's Octokit, to read a run's name when its id is not yet recorded. */
  octokitFor(installationId: number): Promise<GitHubReader>;
}

/** The token of an `Authorization: Bearer <token>` header, if there is one. */
export function bearerToken(header: string | undefined): string | undefined {
  return /^Bearer +([^\s]+)$/i.exec(header ?? "")?.[1];
}

function expectationFor(run: RunForResult, appSlug: string): OidcExpectation {
  return {
    repository: `${run.owner}/${run.name}`,
    repositoryId: run.repoId,
    ...(run.workflowRunId !== null && { runId: run.workflowRunId }),
    defaultBranch: run.defaultBranch,
    workflowPath: STAGE_WORKFLOW_PATH,
    actor: `${appSlug}[bot]`,
  };
}

// Who is wrong decides the status: a bad token 401, a good token for
// another run 403, our own failure to fetch GitHub's keys 503.
const FORBIDDEN: ReadonlySet<OidcFailureCode> = new Set([
  "repository",
  "event",
  "workflow",
  "run",
  "actor",
]);

function refuseToken(code: OidcFailureCode, reason: string) {
  if (code === "keys_unavailable") return stop(503, reason, { code }, { "retry-after": "30" });
  if (FORBIDDEN.has(code)) return stop(403, reason, { code });
  return stop(401, reason, { code }, { "www-authenticate": 'Bearer error="invalid_token"' });
}

// The run's id is not recorded yet (its webhook is late): its name, which the
// app's spec set, says whether it was dispatched for this stage run.
async function checkRunName(deps: ResultAuthDeps, run: RunForResult, workflowRunId: string) {
  const octokit = await deps.octokitFor(run.installationId);
  const { owner, name: repo } = run;
  const found = await octokit
    .request("GET /repos/{owner}/{repo}/actions/runs/{run_id}", {
      owner,
      repo,
      run_id: Number(workflowRunId),
    })
    .catch((error: { status?: number }) => {
      if (error.status === 404) return undefined;
      throw error;
    });
  const expected = stageRunName(run.id);
  if (found?.data.display_title === expected) return undefined;
  return stop(
    403,
    `The token comes from workflow run ${workflowRunId}, which is not "${expected}".`,
    {
      code: "run",
    },
  );
}

/**
 * Verifies the bearer of a result for `run`: a GitHub Actions OIDC token for
 * our audience, from the run the app dispatched for it (repository and its
 * id, the default branch's quantapilot.yml, workflow_dispatch by the App).
 */
export async function authenticateResult(
  deps: ResultAuthDeps,
  run: RunForResult,
  token: string,
): Promise<Step<GitHubOidcClaims>> {
  const verified = await deps.verifier.verify(token, expectationFor(run, deps.appSlug));
  if (!verified.ok) return refuseToken(verified.code, verified.reason);
  if (run.workflowRunId === null) {
    const refused = await checkRunName(deps, run, verified.claims.run_id);
    if (refused !== undefined) return refused;
  }
  return { ok: true, value: verified.claims };
}
