import { afterAll, beforeAll, expect, it } from "vitest";
import { createTestDatabase, type TestDatabase } from "../../test/helpers/database.js";
import { applyPipelineEvent } from "../pipeline/apply-pipeline-event.js";
import { loadPipeline } from "./pipeline-store.js";

let db: TestDatabase;
let items: number[];
const at = "2026-11-24T12:00:00.000Z";

beforeAll(async () => {
  db = await createTestDatabase();
  await db.sql`INSERT INTO installations (id, account_login, account_type) VALUES (1, 'acme', 'Organization')`;
  const [project] = await db.sql<{ id: string }[]>`
    INSERT INTO projects (installation_id, repo_id, owner, name, default_branch, status)
    VALUES (1, 10, 'acme', 'app', 'main', 'active') RETURNING id`;
  const projectId = Number(project?.id);
  const rows = await db.sql<{ id: string }[]>`
    INSERT INTO work_items (project_id, kind, issue_number, title, branch, stage, state)
    SELECT ${projectId}, 'issue', n, 'Issue ' || n, 'qp/' || n, 'implement', 'queued'
    FROM generate_series(1, 3) AS n RETURNING id`;
  items = rows.map((row) => Number(row.id));
});
afterAll(async () => db.drop());

const reservedSeenBy = async (workItemId: number) =>
  db.sql.begin(async (tx) => (await loadPipeline(tx, workItemId))?.state.project.reservedUsd);
const projectReserved = async () =>
  Number((await db.sql`SELECT reserved_usd FROM projects`)[0]?.reserved_usd);

it("reserves an opened run's cap for the project, seen by every other item but not its own", async () => {
  const [a = 0, b = 0, c = 0] = items;
  await db.sql.begin((tx) => applyPipelineEvent(tx, a, { type: "start", now: at }, "d1"));
  await db.sql.begin((tx) => applyPipelineEvent(tx, b, { type: "start", now: at }, "d2"));
  expect(await projectReserved()).toBe(10);
  expect(await reservedSeenBy(a)).toBe(5);
  expect(await reservedSeenBy(c)).toBe(10);
});

it("gives the cap back when the run closes, and an event that changes no run changes nothing", async () => {
  const [a = 0, , c = 0] = items;
  await db.sql.begin((tx) =>
    applyPipelineEvent(tx, a, { type: "cancel", now: at, actor: "octocat" }, "d3"),
  );
  expect(await projectReserved()).toBe(5);
  expect(await reservedSeenBy(c)).toBe(5);
  const refused = await db.sql.begin((tx) =>
    applyPipelineEvent(tx, a, { type: "cancel", now: at, actor: "octocat" }, "d4"),
  );
  expect(refused.applied).toBe(false);
  expect(await projectReserved()).toBe(5);
});

it("counts runs opened, closed or removed outside the app's transitions too", async () => {
  const [, b = 0, c = 0] = items;
  await db.sql`UPDATE stage_runs SET status = 'cancelled', completed_at = now() WHERE work_item_id = ${b}`;
  expect(await projectReserved()).toBe(0);
  await db.sql`INSERT INTO stage_runs (work_item_id, run_number, stage, status, usd_cap)
    VALUES (${c}, 9, 'implement', 'queued', 2.5)`;
  expect(await projectReserved()).toBe(2.5);
  await db.sql`DELETE FROM stage_runs WHERE work_item_id = ${c} AND run_number = 9`;
  expect(await projectReserved()).toBe(0);
});

it("clears the reservation when the runs are truncated, also through a cascade", async () => {
  const [, , c = 0] = items;
  await db.sql`INSERT INTO stage_runs (work_item_id, run_number, stage, status, usd_cap)
    VALUES (${c}, 10, 'implement', 'queued', 3)`;
  expect(await projectReserved()).toBe(3);
  await db.sql`TRUNCATE work_items CASCADE`;
  expect(await projectReserved()).toBe(0);
});
