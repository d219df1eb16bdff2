import { randomUUID } from "node:crypto";

/** Who a test token speaks for; every claim can still be overridden per token. */
export type IssuerDefaults = {
  repository?: string;
  repositoryId?: number;
  runId?: number;
  defaultBranch?: string;
  audience?: string;
  actor?: string;
};

/** When a token expires and whom it is for. */
export type ClaimTiming = {
  /** Seconds from now until exp; negative for an expired token. Default 300. */
  expiresIn?: number;
  audience?: string;
};

export const ISSUER_DEFAULTS: Required<IssuerDefaults> = {
  repository: "octo-org/octo-repo",
  repositoryId: 1296269,
  runId: 9000001,
  defaultBranch: "main",
  audience: "https://quantapilot.test",
  actor: "quantapilot[bot]",
};

// Every claim a real Actions token carries for a workflow_dispatch on the
// default branch; ids are strings, as GitHub sends them.
function dispatchClaims(issuer: string, d: Required<IssuerDefaults>, now: number) {
  const ref = `refs/heads/${d.defaultBranch}`;
  const workflowRef = `${d.repository}/.github/workflows/quantapilot.yml@${ref}`;
  const sha = "c040cae0f0dc81641728557b80f09cfa23b83fe5";
  return {
    jti: randomUUID(),
    sub: `repo:${d.repository}:ref:${ref}`,
    aud: d.audience,
    ref,
    sha,
    repository: d.repository,
    repository_owner: d.repository.split("/")[0],
    repository_owner_id: "9919",
    repository_visibility: "private",
    repository_id: String(d.repositoryId),
    actor_id: "1234567",
    actor: d.actor,
    run_id: String(d.runId),
    run_number: "7",
    run_attempt: "1",
    runner_environment: "github-hosted",
    workflow: "QuantaPilot",
    head_ref: "",
    base_ref: "",
    event_name: "workflow_dispatch",
    ref_protected: "false",
    ref_type: "branch",
    workflow_ref: workflowRef,
    workflow_sha: sha,
    job_workflow_ref: workflowRef,
    job_workflow_sha: sha,
    iss: issuer,
    nbf: now,
    exp: now + 300,
    iat: now,
  };
}

/**
 * The claims GitHub Actions would sign for `defaults`, timed from now, with
 * `overrides` on top; an override of `undefined` removes the claim.
 */
export function githubOidcClaims(
  issuer: string,
  defaults: Required<IssuerDefaults>,
  overrides: Record<string, unknown> = {},
  timing: ClaimTiming = {},
): Record<string, unknown> {
  const now = Math.floor(Date.now() / 1000);
  const claims = {
    ...dispatchClaims(issuer, defaults, now),
    ...(timing.audience !== undefined && { aud: timing.audience }),
    ...(timing.expiresIn !== undefined && { exp: now + timing.expiresIn }),
    ...overrides,
  };
  return Object.fromEntries(Object.entries(claims).filter(([, value]) => value !== undefined));
}
