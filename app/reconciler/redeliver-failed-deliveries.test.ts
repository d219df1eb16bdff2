import nock from "nock";
import pino from "pino";
import { ProbotOctokit } from "probot";
import { afterAll, afterEach, beforeAll, expect, it } from "vitest";
import { createTestDatabase, type TestDatabase } from "../../test/helpers/database.js";
import { createGitHubNock } from "../../test/helpers/github-nock.js";
import { redeliverFailedDeliveries } from "./redeliver-failed-deliveries.js";

const octokit = new ProbotOctokit({
  auth: { token: "app-jwt" },
  retry: { enabled: false },
  throttle: { enabled: false },
});
const now = new Date("2026-11-24T12:00:00Z");
const minutesAgo = (minutes: number) => new Date(now.getTime() - minutes * 60_000).toISOString();
const item = (
  id: number,
  guid: string,
  statusCode: number,
  minutes: number,
  redelivery = false,
) => ({
  id,
  guid,
  delivered_at: minutesAgo(minutes),
  redelivery,
  duration: 0.1,
  status: statusCode === 0 ? "failed to connect" : String(statusCode),
  status_code: statusCode,
  event: "issues",
  action: "labeled",
  installation_id: 1,
  repository_id: 2,
});

let db: TestDatabase;
beforeAll(async () => {
  nock.disableNetConnect();
  db = await createTestDatabase();
  await db.sql`
    INSERT INTO deliveries (id, event, status) VALUES
      ('done', 'issues', 'processed'), ('broken', 'issues', 'failed'), ('noise', 'star', 'ignored')`;
});
afterAll(async () => db.drop());
afterEach(() => nock.cleanAll());

it("asks GitHub again for what failed here or never arrived, paging back to the window", async () => {
  const github = createGitHubNock();
  github
    .get("/app/hook/deliveries")
    .query({ per_page: 100 })
    .reply(200, [item(10, "done", 500, 5), item(11, "broken", 500, 10), item(12, "lost", 0, 20)], {
      link: '<https://api.github.com/app/hook/deliveries?per_page=100&cursor=abc>; rel="next"',
    });
  github
    .get("/app/hook/deliveries")
    .query({ per_page: 100, cursor: "abc" })
    .reply(200, [item(13, "noise", 0, 30), item(14, "ancient", 0, 60 * 24 * 4)]);
  github.post("/app/hook/deliveries/11/attempts").reply(202, {});
  github.post("/app/hook/deliveries/12/attempts").reply(202, {});

  const count = await redeliverFailedDeliveries({
    octokit,
    sql: db.sql,
    log: pino({ level: "silent" }),
    now,
    lookbackMs: 3 * 24 * 3600_000,
    cooldownMs: 10 * 60_000,
    max: 50,
  });
  expect(count).toBe(2);
  github.expectDone();
  expect(github.requests().map((request) => `${request.method} ${request.path}`)).toEqual([
    "GET /app/hook/deliveries?per_page=100",
    "GET /app/hook/deliveries?per_page=100&cursor=abc",
    "POST /app/hook/deliveries/11/attempts",
    "POST /app/hook/deliveries/12/attempts",
  ]);
});
