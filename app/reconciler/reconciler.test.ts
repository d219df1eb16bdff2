import nock from "nock";
import pino from "pino";
import { Probot, ProbotOctokit } from "probot";
import { afterAll, beforeAll, expect, it } from "vitest";
import { createTestDatabase, type TestDatabase } from "../../test/helpers/database.js";
import { githubAppCredentials } from "../../test/helpers/github-app-credentials.js";
import { createGitHubNock } from "../../test/helpers/github-nock.js";
import { createReconciler } from "./reconciler.js";

let db: TestDatabase;
const credentials = githubAppCredentials();
const probot = new Probot({
  appId: credentials.appId,
  privateKey: credentials.privateKey,
  log: pino({ level: "silent" }),
  Octokit: ProbotOctokit.defaults({ retry: { enabled: false }, throttle: { enabled: false } }),
});

beforeAll(async () => {
  nock.disableNetConnect();
  db = await createTestDatabase();
  await db.sql`INSERT INTO installations (id, account_login, account_type) VALUES (90, 'o', 'Organization')`;
  const [project] = await db.sql`
    INSERT INTO projects (installation_id, repo_id, owner, name, status) VALUES (90, 9090, 'o', 'r', 'active') RETURNING id`;
  for (const [issue, status, age] of [
    [1, "dispatched", "2 hours"],
    [2, "in_progress", "3 hours"],
    [3, "in_progress", "5 minutes"],
  ] as const) {
    const [item] = await db.sql`
      INSERT INTO work_items (project_id, kind, issue_number, title, stage, state, last_run_number)
      VALUES (${project?.id}, 'issue', ${issue}, 'x', 'implement', 'running', 1) RETURNING id`;
    await db.sql`
      INSERT INTO stage_runs (work_item_id, run_number, stage, status, usd_cap, created_at, started_at)
      VALUES (${item?.id}, 1, 'implement', ${status}, 5, now() - ${age}::interval,
              CASE WHEN ${status} = 'in_progress' THEN now() - ${age}::interval END)`;
  }
});
afterAll(async () => db.drop());

it("times out runs that never started or ran too long, and asks for failed deliveries again", async () => {
  const github = createGitHubNock();
  github.get("/app/hook/deliveries").query({ per_page: 100 }).reply(200, []);
  await createReconciler({ sql: db.sql, probot, log: pino({ level: "silent" }) }).runOnce();
  github.expectDone();
  const runs = await db.sql`
    SELECT w.issue_number, r.status, w.state FROM stage_runs r JOIN work_items w ON w.id = r.work_item_id
    ORDER BY w.issue_number`;
  expect(runs).toEqual([
    { issue_number: 1, status: "timed_out", state: "waiting_for_human" },
    { issue_number: 2, status: "timed_out", state: "waiting_for_human" },
    { issue_number: 3, status: "in_progress", state: "running" },
  ]);
  const cancels =
    await db.sql`SELECT count(*)::int AS n FROM outbox WHERE kind = 'cancel_workflow_run'`;
  expect(cancels[0]?.n).toBe(2);
});

it("lets only one replica reconcile at a time", async () => {
  const github = createGitHubNock();
  await db.sql.begin(async (tx) => {
    await tx`SELECT pg_advisory_xact_lock(${0x71702d7265636fn.toString()}::bigint)`;
    await createReconciler({ sql: db.sql, probot, log: pino({ level: "silent" }) }).runOnce();
  });
  expect(github.requests()).toEqual([]);
});
