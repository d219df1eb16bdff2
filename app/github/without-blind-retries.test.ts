import nock from "nock";
import { ProbotOctokit } from "probot";
import { afterEach, beforeAll, describe, expect, it } from "vitest";
import { createGitHubNock } from "../../test/helpers/github-nock.js";
import { withoutBlindRetries } from "./without-blind-retries.js";

const Octokit = ProbotOctokit.plugin(withoutBlindRetries);
const octokit = new Octokit({
  auth: { token: "ghs_test" },
  retry: { retryAfterBaseValue: 1 },
  throttle: { enabled: false },
});
const REPO = "/repos/o/r";

describe("withoutBlindRetries", () => {
  beforeAll(() => nock.disableNetConnect());
  afterEach(() => nock.cleanAll());

  it("sends a POST that got a 502 once: it may have taken effect", async () => {
    const github = createGitHubNock();
    github.post(`${REPO}/issues/1/comments`).reply(502, { message: "Server Error" });
    const posting = octokit.request("POST /repos/{owner}/{repo}/issues/{issue_number}/comments", {
      owner: "o",
      repo: "r",
      issue_number: 1,
      body: "hello",
    });
    await expect(posting).rejects.toMatchObject({ status: 502 });
    expect(github.requests()).toHaveLength(1);
    github.expectDone();
  });

  it("still retries an idempotent GET after a 502", async () => {
    const github = createGitHubNock();
    github.get(`${REPO}/issues/1`).reply(502, { message: "Server Error" });
    github.get(`${REPO}/issues/1`).reply(200, { number: 1 });
    const { data } = await octokit.request("GET /repos/{owner}/{repo}/issues/{issue_number}", {
      owner: "o",
      repo: "r",
      issue_number: 1,
    });
    expect(data.number).toBe(1);
    github.expectDone();
  });
});
