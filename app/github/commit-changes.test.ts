import nock from "nock";
import { ProbotOctokit } from "probot";
import { afterEach, beforeAll, describe, expect, it } from "vitest";
import { createGitHubNock, type GitHubNock } from "../../test/helpers/github-nock.js";
import { type CommitRequest, commitChanges } from "./commit-changes.js";

const octokit = new ProbotOctokit({
  auth: { token: "t" },
  retry: { enabled: false },
  throttle: { enabled: false },
});
const BASE = "a".repeat(40);
const MOVED = "b".repeat(40);
const NEW = "c".repeat(40);
const request: CommitRequest = {
  owner: "acme",
  repo: "app",
  branch: "quantapilot/7-login",
  baseSha: BASE,
  stageRunId: 42,
  message: "feat: login form",
  changes: [
    { path: "src/login.ts", action: "upsert", encoding: "utf8", content: "export {};\n" },
    { path: "logo.png", action: "upsert", encoding: "base64", content: "iVBORw0KGgo=" },
    { path: "old.ts", action: "delete" },
  ],
};
const repo = "/repos/acme/app";

let github: GitHubNock;
beforeAll(() => nock.disableNetConnect());
afterEach(() => {
  github.expectDone();
  nock.cleanAll();
});

/** The branch points at `head`, whose commit carries `message`. */
function branchAt(head: string | null, message = "earlier work") {
  github = createGitHubNock();
  const ref = github.get(`${repo}/git/ref/heads%2Fquantapilot%2F7-login`);
  if (head)
    ref.reply(200, {
      ref: "refs/heads/quantapilot/7-login",
      object: { sha: head, type: "commit" },
    });
  else ref.reply(404, { message: "Not Found" });
  github
    .get(`${repo}/git/commits/${head ?? BASE}`)
    .reply(200, { sha: head ?? BASE, message, tree: { sha: "t0" } });
}

function expectTreeCommitAndRef(parent: string, refMethod: "post" | "patch") {
  github
    .post(`${repo}/git/blobs`, { content: "iVBORw0KGgo=", encoding: "base64" })
    .reply(201, { sha: "blob1" });
  github
    .post(`${repo}/git/trees`, {
      base_tree: "t0",
      tree: [
        { path: "src/login.ts", mode: "100644", type: "blob", content: "export {};\n" },
        { path: "logo.png", mode: "100644", type: "blob", sha: "blob1" },
        { path: "old.ts", mode: "100644", type: "blob", sha: null },
      ],
    })
    .reply(201, { sha: "t1" });
  github
    .post(`${repo}/git/commits`, {
      message: "feat: login form\n\nQuantaPilot-Stage-Run: 42",
      tree: "t1",
      parents: [parent],
    })
    .reply(201, { sha: NEW });
  if (refMethod === "post") {
    github
      .post(`${repo}/git/refs`, { ref: "refs/heads/quantapilot/7-login", sha: NEW })
      .reply(201, {});
  } else {
    github
      .patch(`${repo}/git/refs/heads%2Fquantapilot%2F7-login`, { sha: NEW, force: false })
      .reply(200, {});
  }
}

describe("commitChanges", () => {
  it("creates the branch from the pinned base with one tree, one commit and one ref", async () => {
    branchAt(null);
    expectTreeCommitAndRef(BASE, "post");
    expect(await commitChanges(octokit, request)).toEqual({
      ok: true,
      sha: NEW,
      rebasedOnto: null,
      alreadyDone: false,
    });
  });

  it("moves an existing branch forward without forcing", async () => {
    branchAt(BASE);
    expectTreeCommitAndRef(BASE, "patch");
    expect(await commitChanges(octokit, request)).toMatchObject({ ok: true, sha: NEW });
  });

  it("rebases onto a branch that moved when the paths do not overlap", async () => {
    branchAt(MOVED);
    github
      .get(`${repo}/compare/${BASE}...${MOVED}`)
      .reply(200, { files: [{ filename: "README.md" }] });
    expectTreeCommitAndRef(MOVED, "patch");
    expect(await commitChanges(octokit, request)).toEqual({
      ok: true,
      sha: NEW,
      rebasedOnto: MOVED,
      alreadyDone: false,
    });
  });

  it("refuses, naming the files, when the moved branch changed the same paths", async () => {
    branchAt(MOVED);
    github.get(`${repo}/compare/${BASE}...${MOVED}`).reply(200, {
      files: [{ filename: "src/login.ts" }, { filename: "new.ts", previous_filename: "old.ts" }],
    });
    expect(await commitChanges(octokit, request)).toEqual({
      ok: false,
      reason:
        "The branch quantapilot/7-login moved since this stage started and changed the same files.",
      conflicts: ["src/login.ts", "old.ts"],
    });
  });

  it("recognises its own commit on a retry and writes nothing", async () => {
    branchAt(NEW, "feat: login form\n\nQuantaPilot-Stage-Run: 42");
    expect(await commitChanges(octokit, request)).toEqual({
      ok: true,
      sha: NEW,
      rebasedOnto: null,
      alreadyDone: true,
    });
  });

  it("lets a GitHub error through for the outbox to retry", async () => {
    github = createGitHubNock();
    github
      .get(`${repo}/git/ref/heads%2Fquantapilot%2F7-login`)
      .reply(502, { message: "Bad Gateway" });
    await expect(commitChanges(octokit, request)).rejects.toMatchObject({ status: 502 });
  });
});
