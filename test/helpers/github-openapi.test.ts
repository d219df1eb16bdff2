import { describe, expect, it } from "vitest";
import { validateGitHubRequest } from "./github-openapi.js";

/** [expected operationId or problems, method, url, body?] */
type Valid = [operationId: string, method: string, url: string, body?: unknown];
type Invalid = [problems: string[], method: string, url: string, body?: unknown];

const tree = [{ path: "a.ts", mode: "100644", type: "blob", content: "x" }];

describe("validateGitHubRequest accepts", () => {
  it.each<Valid>([
    ["checks/create", "POST", "/repos/o/r/check-runs", { name: "qa", head_sha: "a1" }],
    [
      "checks/update",
      "PATCH",
      "https://api.github.com/repos/o/r/check-runs/42",
      { status: "completed", conclusion: "success", output: { title: "t", summary: "s" } },
    ],
    [
      "actions/create-workflow-dispatch",
      "POST",
      "/repos/o/r/actions/workflows/qa.yml/dispatches",
      { ref: "main", inputs: { run: "7" } },
    ],
    ["pulls/merge", "PUT", "/repos/o/r/pulls/3/merge", { sha: "a1", merge_method: "squash" }],
    ["git/create-tree", "POST", "/repos/o/r/git/trees", { base_tree: "a1", tree }],
    [
      "git/create-commit",
      "POST",
      "/repos/o/r/git/commits",
      { message: "m", tree: "t", parents: [] },
    ],
    ["git/update-ref", "PATCH", "/repos/o/r/git/refs/heads/quantapilot/1-x", { sha: "a1" }],
    ["git/update-ref", "PATCH", "/repos/o/r/git/refs/heads%2Fquantapilot%2F1-x", { sha: "a1" }],
    ["repos/get-collaborator-permission-level", "GET", "/repos/o/r/collaborators/u/permission"],
    ["issues/create-comment", "POST", "/repos/o/r/issues/3/comments", { body: "hi" }],
    [
      "reactions/create-for-issue-comment",
      "POST",
      "/repos/o/r/issues/comments/9/reactions",
      { content: "eyes" },
    ],
    ["reactions/create-for-issue", "POST", "/repos/o/r/issues/3/reactions", { content: "+1" }],
    // nullable without a type in the description: needs the loader's rewrite
    ["issues/create", "POST", "/repos/o/r/issues", { title: "t", milestone: null }],
    // the schema does not forbid additional properties, so neither do we
    ["checks/create", "POST", "/repos/o/r/check-runs", { name: "n", head_sha: "a", extra: 1 }],
    ["issues/list-for-repo", "GET", "/repos/o/r/issues?state=closed&per_page=5&labels=a,b"],
    ["checks/get", "GET", "https://ghe.example.com/api/v3/repos/o/r/check-runs/42"],
    // literal segments beat templates; a trailing {ref} spans slashes only when nothing else fits
    ["repos/get-combined-status-for-ref", "GET", "/repos/o/r/commits/a1/status"],
    ["repos/get-commit", "GET", "/repos/o/r/commits/feature/x"],
    ["repos/compare-commits", "GET", "/repos/o/r/compare/main...feature%2Fx"],
  ])("%s: %s %s", (operationId, method, url, body) => {
    expect(validateGitHubRequest({ method, url, body })).toEqual({ ok: true, operationId });
  });
});

describe("validateGitHubRequest rejects", () => {
  it.each<Invalid>([
    [
      ["GET /repos/o/r/check-runz: no path in GitHub's OpenAPI description matches"],
      "GET",
      "/repos/o/r/check-runz",
    ],
    [
      [
        "DELETE /repos/o/r/check-runs/1: GitHub's OpenAPI description has no DELETE on /repos/{owner}/{repo}/check-runs/{check_run_id} (only GET, PATCH)",
      ],
      "DELETE",
      "/repos/o/r/check-runs/1",
    ],
    [["checks/create: body/head_sha is required"], "POST", "/repos/o/r/check-runs", { name: "n" }],
    [
      [
        "checks/update: body/conclusion must be one of action_required, cancelled, failure, neutral, success, skipped, stale, timed_out",
      ],
      "PATCH",
      "/repos/o/r/check-runs/42",
      { conclusion: "green" },
    ],
    [
      ["checks/update: path/check_run_id must be integer"],
      "PATCH",
      "/repos/o/r/check-runs/abc",
      {},
    ],
    [
      ["repos/create-webhook: body/secret is not allowed (additionalProperties: false)"],
      "POST",
      "/repos/o/r/hooks",
      { config: { url: "https://example.com" }, secret: "s" },
    ],
    [
      [
        "issues/list-for-repo: query/state must be one of open, closed, all",
        "issues/list-for-repo: query/per_page must be integer",
      ],
      "GET",
      "/repos/o/r/issues?state=merged&per_page=ten",
    ],
    [["search/issues-and-pull-requests: query/q is required"], "GET", "/search/issues"],
    [["issues/create-comment: body is required"], "POST", "/repos/o/r/issues/3/comments"],
    [
      ["repos/get-collaborator-permission-level: body is sent but the operation takes none"],
      "GET",
      "/repos/o/r/collaborators/u/permission",
      { permission: "admin" },
    ],
    [
      ["git/create-tree: body/tree/0/mode must be one of 100644, 100755, 040000, 160000, 120000"],
      "POST",
      "/repos/o/r/git/trees",
      { tree: [{ ...tree[0], mode: "644" }] },
    ],
    [
      ["git/update-ref: body/sha must be string"],
      "PATCH",
      "/repos/o/r/git/refs/heads/a/b",
      { sha: 1 },
    ],
  ])("%j", (problems, method, url, body) => {
    expect(validateGitHubRequest({ method, url, body })).toEqual({ ok: false, problems });
  });

  it("reads a non-JSON body's content type from the headers", () => {
    const headers = { "Content-Type": "text/plain" };
    const request = { method: "POST", url: "/repos/o/r/issues", body: "hi", headers };
    expect(validateGitHubRequest(request)).toEqual({
      ok: false,
      problems: ["issues/create: body is text/plain, but the operation accepts application/json"],
    });
  });
});
