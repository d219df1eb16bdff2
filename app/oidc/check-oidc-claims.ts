import type { GitHubOidcClaims } from "./github-oidc-claims.js";

/** What a token must prove about the run that minted it. */
export type OidcExpectation = {
  /** "owner/name" of the repository the stage run belongs to. */
  repository: string;
  /** The repository's id: survives renames, and a deleted-and-recreated namesake fails it. */
  repositoryId?: number;
  /** The workflow run dispatched for this stage run. */
  runId?: number;
  defaultBranch: string;
  /** Normally ".github/workflows/quantapilot.yml". */
  workflowPath: string;
  /** The login that dispatched the run, e.g. "quantapilot[bot]". */
  actor?: string;
};

/** Why a token is refused: a stable code for metrics and status codes, and a sentence for people. */
export type OidcFailure = { code: OidcFailureCode; reason: string };
export type OidcFailureCode =
  | "malformed"
  | "algorithm"
  | "signature"
  | "expired"
  | "not_yet_valid"
  | "audience"
  | "issuer"
  | "claims"
  | "keys_unavailable"
  | "repository"
  | "event"
  | "workflow"
  | "run"
  | "actor";

type Check = (claims: GitHubOidcClaims, expected: OidcExpectation) => OidcFailure | undefined;

// Owner and repository names are case-insensitive on GitHub.
const checkRepository: Check = (claims, expected) => {
  if (claims.repository.toLowerCase() !== expected.repository.toLowerCase()) {
    const reason = `The token is for repository ${claims.repository}, not ${expected.repository}.`;
    return { code: "repository", reason };
  }
  if (
    expected.repositoryId !== undefined &&
    claims.repository_id !== String(expected.repositoryId)
  ) {
    const reason = `The token is for repository id ${claims.repository_id}, not ${expected.repositoryId}: the repository was replaced by another of the same name.`;
    return { code: "repository", reason };
  }
  return undefined;
};

// The app only ever dispatches; pull_request runs execute the PR's code.
const checkEvent: Check = (claims) => {
  if (claims.event_name === "workflow_dispatch") return undefined;
  const reason = `The token comes from a ${claims.event_name} run; only runs the app dispatched (workflow_dispatch) may report results.`;
  return { code: "event", reason };
};

// Both refs must name the default branch's file: a workflow edited on a branch
// or in a pull request cannot mint tokens that carry results.
const checkWorkflow: Check = (claims, expected) => {
  const wanted = `${claims.repository}/${expected.workflowPath}@refs/heads/${expected.defaultBranch}`;
  const ran = [claims.workflow_ref, claims.job_workflow_ref].find((ref) => ref !== wanted);
  if (ran === undefined) return undefined;
  const reason = `The token comes from workflow ${ran}, not ${wanted}: results are accepted only from ${expected.workflowPath} on the default branch.`;
  return { code: "workflow", reason };
};

const checkRun: Check = (claims, expected) => {
  if (expected.runId === undefined || claims.run_id === String(expected.runId)) return undefined;
  const reason = `The token comes from workflow run ${claims.run_id}, not run ${expected.runId}, which was dispatched for this stage run.`;
  return { code: "run", reason };
};

const checkActor: Check = (claims, expected) => {
  if (expected.actor === undefined || claims.actor === expected.actor) return undefined;
  const reason = `The run was started by ${claims.actor}, not by ${expected.actor}: only runs the app dispatched may report results.`;
  return { code: "actor", reason };
};

/**
 * Checks what a verified token says about its run against what the app
 * dispatched. The `ref` claim is not checked on its own: for a
 * workflow_dispatch it is the ref the workflow file was read from, which the
 * workflow refs already pin to the default branch.
 */
export function checkOidcClaims(
  claims: GitHubOidcClaims,
  expected: OidcExpectation,
): OidcFailure | undefined {
  const checks = [checkRepository, checkEvent, checkWorkflow, checkRun, checkActor];
  for (const check of checks) {
    const failure = check(claims, expected);
    if (failure !== undefined) return failure;
  }
  return undefined;
}
