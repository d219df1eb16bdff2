import nock from "nock";
import { ProbotOctokit } from "probot";
import { afterEach, beforeAll, describe, expect, it } from "vitest";
import { getApproverTeams } from "./get-approver-teams.js";
import { isTeamMember } from "./is-team-member.js";
import { createPermissionCache } from "./permission-cache.js";

const LEADS = "/orgs/acme/teams/leads/memberships/alice";

function answerMembership(scope: nock.Scope, path: string, state: "active" | "pending") {
  return scope.get(path).reply(200, { url: `${API}${path}`, role: "member", state });
}

function setup() {
  const { cache, clock } = createTestCache<boolean>();
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

describe("isTeamMember", () => {
  it.each([
    ["active", true],
    ["pending", false],
  ] as const)("counts a %s membership as %s", async (state, expected) => {
    const { lookup, scope } = setup();
    answerMembership(scope, LEADS, state);
    expect(await isTeamMember(lookup, { team: "acme/leads", username: "alice" })).toBe(expected);
    expect(scope.isDone()).toBe(true);
  });

  it("treats a 404 as not a member", async () => {
    const { lookup, scope } = setup();
    scope.get(LEADS).reply(404, { message: "Not Found" });
    expect(await isTeamMember(lookup, { team: "acme/leads", username: "alice" })).toBe(false);
    expect(scope.isDone()).toBe(true);
  });

  it("asks once per team and user while the answer is fresh", async () => {
    const { lookup, scope, clock } = setup();
    answerMembership(scope, LEADS, "active");
    await isTeamMember(lookup, { team: "acme/leads", username: "alice" });
    clock.now += 30_000;
    expect(await isTeamMember(lookup, { team: "Acme/Leads", username: "Alice" })).toBe(true);
    expect(scope.isDone()).toBe(true);
  });

  it("lets a GitHub error through rather than guessing", async () => {
    const { lookup, scope } = setup();
    scope.get(LEADS).reply(500, { message: "Server Error" });
    await expect(
      isTeamMember(lookup, { team: "acme/leads", username: "alice" }),
    ).rejects.toMatchObject({
      status: 500,
    });
    expect(scope.isDone()).toBe(true);
  });
});

describe("getApproverTeams", () => {
  it("returns the approver teams the user is active in", async () => {
    const { lookup, scope } = setup();
    answerMembership(scope, LEADS, "active");
    answerMembership(scope, "/orgs/acme/teams/ops/memberships/alice", "pending");
    scope.get("/orgs/acme/teams/qa/memberships/alice").reply(404, { message: "Not Found" });
    const teams = await getApproverTeams(lookup, {
      teams: ["acme/leads", "acme/ops", "acme/qa"],
      username: "alice",
    });
    expect(teams).toEqual(["acme/leads"]);
    expect(scope.isDone()).toBe(true);
  });

  it("asks nothing when no teams are configured", async () => {
    const { lookup } = setup();
    expect(await getApproverTeams(lookup, { teams: [], username: "alice" })).toEqual([]);
  });
});
