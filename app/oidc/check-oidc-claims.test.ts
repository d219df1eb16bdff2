import { describe, expect, it } from "vitest";
import { githubOidcClaims, ISSUER_DEFAULTS } from "../../test/helpers/github-oidc-claims.js";
import { checkOidcClaims, type OidcExpectation } from "./check-oidc-claims.js";
import { type GitHubOidcClaims, githubOidcClaimsSchema } from "./github-oidc-claims.js";

const expected: OidcExpectation = {
  repository: "octo-org/octo-repo",
  repositoryId: 1296269,
  runId: 9000001,
  defaultBranch: "main",
  workflowPath: ".github/workflows/quantapilot.yml",
  actor: "quantapilot[bot]",
};
const WORKFLOW = "octo-org/octo-repo/.github/workflows/quantapilot.yml";
const fromRef = (ref: string) => ({
  workflow_ref: `${WORKFLOW}@${ref}`,
  job_workflow_ref: `${WORKFLOW}@${ref}`,
});

function claims(overrides: Record<string, unknown> = {}): GitHubOidcClaims {
  const raw = githubOidcClaims(
    "https://token.actions.githubusercontent.com",
    ISSUER_DEFAULTS,
    overrides,
  );
  return githubOidcClaimsSchema.parse(raw);
}

describe("checkOidcClaims", () => {
  it("passes the claims of the dispatched run of the default branch's workflow", () => {
    expect(checkOidcClaims(claims(), expected)).toBeUndefined();
  });

  it("compares repository names without case and skips unset expectations", () => {
    const loose = {
      repository: "Octo-Org/OCTO-REPO",
      defaultBranch: "main",
      workflowPath: expected.workflowPath,
    };
    expect(checkOidcClaims(claims({ run_id: "1", actor: "someone" }), loose)).toBeUndefined();
  });

  it.each<[string, Record<string, unknown>, string, RegExp]>([
    [
      "another repository",
      { repository: "evil/repo" },
      "repository",
      /evil\/repo, not octo-org\/octo-repo/,
    ],
    ["a recreated namesake", { repository_id: "1" }, "repository", /id 1, not 1296269/],
    ["another run", { run_id: "9000002" }, "run", /run 9000002, not run 9000001/],
    [
      "a pull_request run",
      { event_name: "pull_request", ...fromRef("refs/pull/1/merge") },
      "event",
      /a pull_request run/,
    ],
    [
      "a pull_request_target run",
      { event_name: "pull_request_target" },
      "event",
      /pull_request_target/,
    ],
    ["a push run", { event_name: "push" }, "event", /only runs the app dispatched/],
    [
      "the workflow from a PR merge ref",
      fromRef("refs/pull/1/merge"),
      "workflow",
      /@refs\/pull\/1\/merge, not .*@refs\/heads\/main/,
    ],
    [
      "the workflow from a work branch",
      { ...fromRef("refs/heads/quantapilot/12-x"), ref: "refs/heads/quantapilot/12-x" },
      "workflow",
      /default branch/,
    ],
    ["the workflow from a tag", fromRef("refs/tags/main"), "workflow", /refs\/tags\/main/],
    [
      "only workflow_ref off the default branch",
      { workflow_ref: `${WORKFLOW}@refs/heads/dev` },
      "workflow",
      /@refs\/heads\/dev/,
    ],
    [
      "only job_workflow_ref off the default branch",
      { job_workflow_ref: `${WORKFLOW}@refs/heads/dev` },
      "workflow",
      /@refs\/heads\/dev/,
    ],
    [
      "another workflow on main",
      { workflow_ref: "octo-org/octo-repo/.github/workflows/ci.yml@refs/heads/main" },
      "workflow",
      /ci\.yml/,
    ],
    [
      "a reusable workflow from elsewhere",
      { job_workflow_ref: "evil/lib/.github/workflows/mint.yml@refs/heads/main" },
      "workflow",
      /evil\/lib/,
    ],
    [
      "the workflow path in other case",
      fromRef("refs/heads/Main"),
      "workflow",
      /refs\/heads\/Main/,
    ],
    [
      "a run started by a person",
      { actor: "mallory" },
      "actor",
      /started by mallory, not by quantapilot\[bot\]/,
    ],
  ])("refuses %s", (_case, overrides, code, reason) => {
    const failure = checkOidcClaims(claims(overrides), expected);
    expect(failure?.code).toBe(code);
    expect(failure?.reason).toMatch(reason);
  });
});
