import { afterAll, beforeAll, expect, it } from "vitest";
import { createTestDatabase, type TestDatabase } from "../../test/helpers/database.js";
import { finishDrawingDashboard, startDrawingDashboard } from "./dashboard-drawing.js";

let db: TestDatabase;
let projectId = 0;

beforeAll(async () => {
  db = await createTestDatabase();
  await db.sql`INSERT INTO installations (id, account_login, account_type) VALUES (1, 'acme', 'Organization')`;
  const [project] = await db.sql<{ id: string }[]>`
    INSERT INTO projects (installation_id, repo_id, owner, name, status)
    VALUES (1, 10, 'acme', 'app', 'active') RETURNING id`;
  projectId = Number(project?.id);
});
afterAll(async () => db.drop());

it("lets one worker draw a project's dashboard at a time, and the next once it is done", async () => {
  expect(await startDrawingDashboard(db.sql, projectId, 60_000)).toBe(true);
  expect(await startDrawingDashboard(db.sql, projectId, 60_000)).toBe(false);
  await finishDrawingDashboard(db.sql, projectId);
  expect(await startDrawingDashboard(db.sql, projectId, 60_000)).toBe(true);
  await finishDrawingDashboard(db.sql, projectId);
});

it("takes it from a worker whose time ran out (it died drawing)", async () => {
  expect(await startDrawingDashboard(db.sql, projectId, 60_000)).toBe(true);
  await db.sql`UPDATE projects SET dashboard_drawing_until = now() - interval '1 second'`;
  expect(await startDrawingDashboard(db.sql, projectId, 60_000)).toBe(true);
  await finishDrawingDashboard(db.sql, projectId);
});

it("lets only one of two workers asking at the same moment draw", async () => {
  // Two connections of the pool, as two replicas.
  const asked = await Promise.all([
    startDrawingDashboard(db.sql, projectId, 60_000),
    startDrawingDashboard(db.sql, projectId, 60_000),
  ]);
  expect(asked.sort()).toEqual([false, true]);
  await finishDrawingDashboard(db.sql, projectId);
});

it("does not keep a worker waiting for a project that is gone", async () => {
  expect(await startDrawingDashboard(db.sql, 999_999, 60_000)).toBe(true);
});
