import { afterAll, beforeAll, expect, it } from "vitest";
import { createTestDatabase, type TestDatabase } from "../../test/helpers/database.js";
import { findIssueProject, freshIssuePipeline } from "./issue-project.js";
import { loadPipeline, pipelineWrites, savePipeline } from "./pipeline-store.js";

let db: TestDatabase;
const REPO_ID = 10;

beforeAll(async () => {
  db = await createTestDatabase();
  await db.sql`INSERT INTO installations (id, account_login, account_type) VALUES (1, 'acme', 'Organization')`;
  await db.sql`
    INSERT INTO projects (installation_id, repo_id, owner, name, default_branch, status, budget_usd, reserved_usd)
    VALUES (1, ${REPO_ID}, 'acme', 'app', 'trunk', 'active', 40, 7.5)`;
});
afterAll(async () => db.drop());

const issue = { number: 4, title: "Add search", branch: "qp/4-add-search", stage: "test" } as const;

it("decides a fresh item on exactly the state it loads as once stored", async () => {
  const stored = await db.sql.begin(async (tx) => {
    const found = await findIssueProject(tx, REPO_ID, issue.number);
    if (found?.workItemId !== null) throw new Error("expected an issue without a work item");
    const fresh = freshIssuePipeline(found, issue);
    const started = { type: "start", now: "2026-11-25T00:00:00Z" } as const;
    await savePipeline(tx, pipelineWrites(tx, fresh, fresh.state, started));
    const loaded = await loadPipeline(tx, fresh.ref.workItemId);
    return { fresh, loaded };
  });
  const { fresh: _, ...asLoaded } = stored.fresh;
  expect(stored.loaded).toEqual(asLoaded);
  expect(stored.fresh.state.project).toEqual({
    status: "active",
    budgetUsd: 40,
    spentUsd: 0,
    reservedUsd: 7.5,
    suspended: false,
  });
});

it("reserves the ids asked for with a fresh item's, and none when asked for fewer than none", async () => {
  const [three, none] = await db.sql.begin(async (tx) => [
    await findIssueProject(tx, REPO_ID, 5, 3),
    await findIssueProject(tx, REPO_ID, 5, -2),
  ]);
  if (three?.workItemId !== null || none?.workItemId !== null) throw new Error("expected fresh");
  expect(three.spare).toHaveLength(3);
  expect(new Set([three.fresh.id, ...three.spare]).size).toBe(4);
  expect(none.spare).toEqual([]);
  expect(none.fresh.id).toBeGreaterThan(Math.max(...three.spare));
});

it("finds the issue's item once it has one, and nothing for an unknown or removed repository", async () => {
  const [item] = await db.sql<{ id: string }[]>`SELECT id FROM work_items`;
  const found = await db.sql.begin((tx) => findIssueProject(tx, REPO_ID, issue.number));
  expect(found).toMatchObject({ workItemId: Number(item?.id), fresh: null });
  expect(await db.sql.begin((tx) => findIssueProject(tx, 999, issue.number))).toBeUndefined();
  await db.sql`UPDATE projects SET status = 'removed'`;
  expect(await db.sql.begin((tx) => findIssueProject(tx, REPO_ID, issue.number))).toBeUndefined();
});

it("keeps the project locked until the transaction ends", async () => {
  await db.sql`UPDATE projects SET status = 'active'`;
  const order: string[] = [];
  let other: Promise<unknown> = Promise.resolve();
  await db.sql.begin(async (tx) => {
    await findIssueProject(tx, REPO_ID, 5);
    other = db.sql`UPDATE projects SET spent_usd = 1 WHERE repo_id = ${REPO_ID}`.then(() =>
      order.push("other wrote"),
    );
    await new Promise((resolve) => setTimeout(resolve, 100));
    order.push("first committed");
  });
  await other;
  expect(order).toEqual(["first committed", "other wrote"]);
});
