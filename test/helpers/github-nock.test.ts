import { getOctokit } from "@actions/github";
import nock from "nock";
import { ProbotOctokit } from "probot";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { createGitHubNock } from "./github-nock.js";

function createOctokit(baseUrl?: string) {
  return new ProbotOctokit({
    auth: { token: "t" },
    retry: { enabled: false },
    throttle: { enabled: false },
    ...(baseUrl ? { baseUrl } : {}),
  });
}

const repo = { owner: "o", repo: "r" };

describe("createGitHubNock", () => {
  beforeAll(() => nock.disableNetConnect());
  afterEach(() => nock.cleanAll());
  afterAll(() => nock.enableNetConnect());

  it("sees and validates a real ProbotOctokit's requests, in order", async () => {
    const github = createGitHubNock();
    github.post("/repos/o/r/check-runs").reply(201, { id: 7 });
    github.patch("/repos/o/r/git/refs/heads%2Fqp%2F1-x").reply(200, {});
    const octokit = createOctokit();
    const run = await octokit.rest.checks.create({ ...repo, name: "qa", head_sha: "a1" });
    await octokit.rest.git.updateRef({ ...repo, ref: "heads/qp/1-x", sha: "b2", force: true });
    expect(run).toMatchObject({ status: 201, data: { id: 7 } });
    expect(github.requests()).toEqual([
      { method: "POST", path: "/repos/o/r/check-runs", body: { name: "qa", head_sha: "a1" } },
      {
        method: "PATCH",
        path: "/repos/o/r/git/refs/heads%2Fqp%2F1-x",
        body: { sha: "b2", force: true },
      },
    ]);
    github.expectDone();
  });

  it("answers an invalid request with 422 and fails the test's checks", async () => {
    const github = createGitHubNock();
    github.patch("/repos/o/r/check-runs/7").reply(200, { id: 7 });
    const update = createOctokit().rest.checks.update({
      ...repo,
      check_run_id: 7,
      conclusion: "green" as "success",
    });
    await expect(update).rejects.toMatchObject({
      status: 422,
      message: expect.stringContaining("checks/update: body/conclusion must be one of"),
    });
    expect(github.problems()).toEqual([expect.stringMatching(/^checks\/update: body\/conclusion/)]);
    expect(() => github.assertAllRequestsValid()).toThrow(/checks\/update: body\/conclusion/);
    expect(() => github.expectDone()).toThrow(/OpenAPI description/);
  });

  it("fails expectDone while a mock was never requested", () => {
    const github = createGitHubNock();
    github.get("/repos/o/r/check-runs/7").reply(200, {});
    expect(() => github.expectDone()).toThrow(/never requested/);
  });

  it("works on a GHES base URL and records paths without /api/v3", async () => {
    const github = createGitHubNock({ baseUrl: "https://ghe.example.com/api/v3" });
    github.get("/repos/o/r/collaborators/u/permission").reply(200, { permission: "write" });
    const octokit = createOctokit("https://ghe.example.com/api/v3");
    const { data } = await octokit.rest.repos.getCollaboratorPermissionLevel({
      ...repo,
      username: "u",
    });
    expect(data).toEqual({ permission: "write" });
    expect(github.requests()).toEqual([
      { method: "GET", path: "/repos/o/r/collaborators/u/permission", body: undefined },
    ]);
    github.expectDone();
  });

  it("sees @actions/github's Octokit once it is given the global fetch", async () => {
    const github = createGitHubNock();
    github.post("/repos/o/r/issues/3/reactions").reply(201, { id: 1 });
    const octokit = getOctokit("t", { request: { fetch: globalThis.fetch } });
    await octokit.rest.reactions.createForIssue({ ...repo, issue_number: 3, content: "rocket" });
    github.expectDone();
  });

  it("keeps every form of nock's reply for valid requests", async () => {
    const github = createGitHubNock();
    const path = "/repos/o/r/issues/3/comments";
    github.post(path).reply(201, { id: 1 }, { "x-mock": "status-body-headers" });
    github.post(path).reply((_uri, body) => [201, { echo: body }]);
    github.post(path).reply(202, (_uri, body) => ({ echo: body }));
    github.post(path).reply((_uri, _body, done) => done(null, [201, { id: 4 }]));
    const octokit = createOctokit();
    const comment = () =>
      octokit.rest.issues.createComment({ ...repo, issue_number: 3, body: "b" });
    const first = await comment();
    expect([first.status, first.data, first.headers["x-mock"]]).toEqual([
      201,
      { id: 1 },
      "status-body-headers",
    ]);
    expect((await comment()).data).toEqual({ echo: { body: "b" } });
    expect(await comment()).toMatchObject({ status: 202, data: { echo: { body: "b" } } });
    expect((await comment()).data).toEqual({ id: 4 });
    github.expectDone();
  });
});
