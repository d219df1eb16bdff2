import { afterAll, beforeAll, expect, it } from "vitest";
import { createTestDatabase, type TestDatabase } from "../../test/helpers/database.js";
import { markInstallationSuspended, upsertInstallation } from "./installations.js";
import { markProjectsRemoved, upsertProjects } from "./projects.js";

// GitHub repeats installation events (redeliveries, new_permissions_accepted, unsuspend); a
// repeat that changes nothing must not write a new row version: no WAL, no dead tuple.
let db: TestDatabase;
const acme = { id: 7, accountLogin: "acme", accountType: "Organization" };
const repo = { repoId: 70, owner: "acme", name: "app", defaultBranch: "main" };

beforeAll(async () => {
  db = await createTestDatabase();
});
afterAll(async () => db.drop());

/** The row version's transaction id: it changes exactly when the row is rewritten. */
const version = async (table: "installations" | "projects") =>
  String((await db.sql.unsafe(`SELECT xmin::text AS v FROM ${table}`))[0]?.v);
const project = async () =>
  (await db.sql`SELECT owner, name, default_branch, status FROM projects`)[0];

it("an identical repeat of an installation leaves its row version as it was", async () => {
  await db.sql.begin((tx) => upsertInstallation(tx, acme));
  const first = await version("installations");
  await db.sql.begin((tx) => upsertInstallation(tx, acme));
  expect(await version("installations")).toBe(first);
});

it("a renamed account or a suspended installation is still rewritten", async () => {
  const before = await version("installations");
  await db.sql.begin((tx) => upsertInstallation(tx, { ...acme, accountLogin: "acme-inc" }));
  expect(await version("installations")).not.toBe(before);
  await db.sql.begin((tx) => markInstallationSuspended(tx, acme.id));
  await db.sql.begin((tx) => upsertInstallation(tx, { ...acme, accountLogin: "acme-inc" }));
  const [row] = await db.sql`SELECT account_login, suspended_at FROM installations`;
  expect(row).toEqual({ account_login: "acme-inc", suspended_at: null });
});

it("an identical repeat of a repository leaves its project row as it was", async () => {
  await db.sql.begin((tx) => upsertProjects(tx, acme.id, [repo]));
  const first = await version("projects");
  await db.sql.begin((tx) => upsertProjects(tx, acme.id, [repo]));
  await db.sql.begin((tx) => upsertProjects(tx, acme.id, [{ ...repo, defaultBranch: null }]));
  expect(await version("projects")).toBe(first);
  expect(await project()).toEqual({
    owner: "acme",
    name: "app",
    default_branch: "main",
    status: "pending",
  });
});

it("a renamed repository, a new default branch or a removed project is still rewritten", async () => {
  await db.sql.begin((tx) => upsertProjects(tx, acme.id, [{ ...repo, name: "web" }]));
  expect(await project()).toMatchObject({ name: "web", default_branch: "main" });
  await db.sql.begin((tx) => upsertProjects(tx, acme.id, [{ ...repo, defaultBranch: "trunk" }]));
  expect(await project()).toMatchObject({ name: "app", default_branch: "trunk" });
  await db.sql.begin((tx) => markProjectsRemoved(tx, [repo.repoId]));
  await db.sql.begin((tx) => upsertProjects(tx, acme.id, [{ ...repo, defaultBranch: "trunk" }]));
  expect(await project()).toMatchObject({ status: "pending" });
});
