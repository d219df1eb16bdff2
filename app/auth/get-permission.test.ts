import nock from "nock";
import { ProbotOctokit } from "probot";
import { afterEach, beforeAll, describe, expect, it } from "vitest";
import { getPermission, type RepositoryPermission } from "./get-permission.js";
import { createPermissionCache } from "./permission-cache.js";

const PATH = "/repos/acme/widgets/collaborators/alice/permission";
const ALICE = { owner: "acme", repo: "widgets", username: "alice" };

function answerPermission(scope: nock.Scope, permission: string, roleName?: string) {
  const body = {
    permission,
    ...(roleName ? { role_name: roleName } : {}),
    user: { login: "alice" },
  };
  return scope.get(PATH).reply(200, body);
}

function setup() {
  const { cache, clock } = createTestCache<RepositoryPermission>();
  return { lookup: { octokit: createOctokit(), cache }, clock, scope: nock(API) };
}
const API = "https://api.github.com";

/** A real Probot Octokit with nothing in the way of nock: no retries, no throttling. */
function createOctokit() {
  return new ProbotOctokit({
    auth: { token: "t" },
    retry: { enabled: false },
    throttle: { enabled: false },
  });
}

/** A cache whose clock the test moves; one minute to live. */
function createTestCache<V>() {
  const clock = { now: 0 };
  const cache = createPermissionCache<V>({ ttlMs: 60_000, maxEntries: 100, now: () => clock.now });
  return { cache, clock };
}

beforeAll(() => {
  nock.disableNetConnect();
});

afterEach(() => {
  nock.cleanAll();
});

describe("getPermission", () => {
  it.each([
    ["admin", "admin", "admin"],
    ["write", "maintain", "maintain"],
    ["write", "write", "write"],
    ["read", "triage", "triage"],
    ["read", "read", "read"],
    ["write", "security-reviewer", "write"],
    ["none", undefined, "none"],
  ])("reads permission %s with role %s as %s", async (permission, roleName, expected) => {
    const { lookup, scope } = setup();
    answerPermission(scope, permission, roleName);
    expect(await getPermission(lookup, ALICE)).toBe(expected);
    expect(scope.isDone()).toBe(true);
  });

  it("treats a 404 as no access", async () => {
    const { lookup, scope } = setup();
    scope.get(PATH).reply(404, { message: "Not Found" });
    expect(await getPermission(lookup, ALICE)).toBe("none");
    expect(scope.isDone()).toBe(true);
  });

  it("asks once per repository and user while the answer is fresh", async () => {
    const { lookup, scope, clock } = setup();
    answerPermission(scope, "write", "write");
    await getPermission(lookup, ALICE);
    clock.now += 59_999;
    expect(await getPermission(lookup, { ...ALICE, username: "ALICE" })).toBe("write");
    expect(scope.isDone()).toBe(true);
  });

  it("asks again once the answer has expired", async () => {
    const { lookup, scope, clock } = setup();
    answerPermission(scope, "write", "write");
    answerPermission(scope, "read", "read");
    await getPermission(lookup, ALICE);
    clock.now += 60_000;
    expect(await getPermission(lookup, ALICE)).toBe("read");
    expect(scope.isDone()).toBe(true);
  });

  it("asks separately for another repository", async () => {
    const { lookup, scope } = setup();
    answerPermission(scope, "write", "write");
    scope
      .get("/repos/acme/gadgets/collaborators/alice/permission")
      .reply(200, { permission: "read", role_name: "read" });
    expect(await getPermission(lookup, ALICE)).toBe("write");
    expect(await getPermission(lookup, { ...ALICE, repo: "gadgets" })).toBe("read");
    expect(scope.isDone()).toBe(true);
  });

  it("lets a GitHub error through rather than guessing, and does not cache it", async () => {
    const { lookup, scope } = setup();
    scope.get(PATH).reply(500, { message: "Server Error" });
    answerPermission(scope, "read", "read");
    await expect(getPermission(lookup, ALICE)).rejects.toMatchObject({ status: 500 });
    expect(await getPermission(lookup, ALICE)).toBe("read");
    expect(scope.isDone()).toBe(true);
  });
});
