import nock from "nock";
import { ProbotOctokit } from "probot";
import { afterEach, beforeAll, describe, expect, it } from "vitest";
import { createGitHubNock } from "../../test/helpers/github-nock.js";
import { leave429ToCaller } from "./leave-429-to-caller.js";
import { retryAfterMs } from "./retry-after-ms.js";

// As start-server builds it, with Octokit's waits shortened.
const Octokit = ProbotOctokit.defaults(leave429ToCaller);
const octokit = new Octokit({
  auth: { token: "ghs_test" },
  retry: { retryAfterBaseValue: 1 },
  throttle: { enabled: false },
});
const read = () =>
  octokit.request("GET /repos/{owner}/{repo}/issues/{issue_number}", {
    owner: "o",
    repo: "r",
    issue_number: 1,
  });

describe("leave429ToCaller", () => {
  beforeAll(() => nock.disableNetConnect());
  afterEach(() => nock.cleanAll());

  it("gives a 429 to the caller at once, with GitHub's retry-after for it to honour", async () => {
    const github = createGitHubNock();
    github
      .get("/repos/o/r/issues/1")
      .reply(429, { message: "Too Many Requests" }, { "retry-after": "60" });
    const error = await read().catch((caught: unknown) => caught);
    expect(error).toMatchObject({ status: 429 });
    expect(retryAfterMs(error)).toBe(60_000);
    expect(github.requests()).toHaveLength(1);
    github.expectDone();
  });

  it("keeps Octokit's retry of a 502 and its refusals of a 404", async () => {
    const github = createGitHubNock();
    github.get("/repos/o/r/issues/1").reply(502, { message: "Server Error" });
    github.get("/repos/o/r/issues/1").reply(200, { number: 1 });
    expect((await read()).data.number).toBe(1);
    github.get("/repos/o/r/issues/1").reply(404, { message: "Not Found" });
    await expect(read()).rejects.toMatchObject({ status: 404 });
    expect(github.requests()).toHaveLength(3);
    github.expectDone();
  });

  it("adds 429 to a caller's own list rather than replacing it", () => {
    const options = leave429ToCaller({ retry: { doNotRetry: [418], retries: 2 } });
    expect(options.retry).toEqual({ doNotRetry: [418, 429], retries: 2 });
  });
});
