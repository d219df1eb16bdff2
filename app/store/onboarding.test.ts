import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { createTestDatabase, type TestDatabase } from "../../test/helpers/database.js";
import { ONBOARDING_SPACING_MS } from "../core/onboarding/onboarding-spacing.js";
import { upsertInstallation } from "./installations.js";
import { OPEN_ONBOARDING_PR, startOnboarding } from "./onboarding.js";
import { queuedEffects } from "./outbox.js";
import { upsertProjects } from "./projects.js";

let db: TestDatabase;
beforeAll(async () => {
  db = await createTestDatabase();
});
afterAll(async () => db.drop());
beforeEach(async () => {
  await db.sql`TRUNCATE outbox, projects, installations CASCADE`;
  await db.sql.begin(async (tx) => {
    await upsertInstallation(tx, { id: 7, accountLogin: "acme", accountType: "Organization" });
    await upsertInstallation(tx, { id: 8, accountLogin: "other", accountType: "Organization" });
  });
});

const repos = (ids: number[], installationId = 7) =>
  db.sql.begin((tx) =>
    upsertProjects(
      tx,
      installationId,
      ids.map((id) => ({ repoId: id, owner: "acme", name: `r${id}`, defaultBranch: "main" })),
    ),
  );
const start = (ids: number[], delivery: string, installationId = 7) =>
  db.sql.begin(async (tx) => ({
    started: await startOnboarding(tx, installationId, ids, delivery),
    queued: queuedEffects(tx),
  }));
/** Each queued PR and its slot, in whole seconds from now (+ 0: no -0 for a slot just past). */
const slots = async (installationId = 7) => {
  const rows = await db.sql`
    SELECT payload, extract(epoch FROM run_after - now())::float8 AS in_seconds
    FROM outbox WHERE kind = ${OPEN_ONBOARDING_PR} AND installation_id = ${installationId}
    ORDER BY run_after`;
  return rows.map((row) => ({
    project: row.payload.projectId,
    in: Math.round(row.in_seconds) + 0,
  }));
};
const spacing = ONBOARDING_SPACING_MS / 1000;

describe("startOnboarding", () => {
  it("starts the pending repositories, one PR each, the first now and the rest one spacing apart", async () => {
    await repos([11, 12, 13]);
    expect(await start([11, 12, 13], "d1")).toEqual({ started: 3, queued: true });
    const projects = await db.sql`SELECT id, status FROM projects ORDER BY repo_id`;
    expect(projects.map((row) => row.status)).toEqual(["onboarding", "onboarding", "onboarding"]);
    expect(await slots()).toEqual(
      projects.map((row, i) => ({ project: Number(row.id), in: i * spacing })),
    );
  });

  it("queues a later repository behind the installation's last waiting slot, not beside it", async () => {
    await repos([11, 12, 13]);
    await start([11, 12], "d1");
    await start([13], "d2");
    expect((await slots()).map((slot) => slot.in)).toEqual([0, spacing, 2 * spacing]);
  });

  it("starts at once when the installation's last slot is long past, and ignores other installations' slots", async () => {
    await repos([11, 12]);
    await repos([21], 8);
    await start([11], "d1");
    await db.sql`UPDATE outbox SET run_after = now() - interval '1 hour'`;
    await start([21], "d-other", 8);
    await start([12], "d2");
    expect((await slots()).map((slot) => slot.in)).toEqual([-3600, 0]);
    expect((await slots(8)).map((slot) => slot.in)).toEqual([0]);
  });

  it("leaves repositories already onboarding or active alone, queueing nothing and waking no one", async () => {
    await repos([11]);
    await start([11], "d1");
    expect(await start([11], "d2")).toEqual({ started: 0, queued: false });
    expect(await start([99], "d3")).toEqual({ started: 0, queued: false });
    expect(await start([], "d4")).toEqual({ started: 0, queued: false });
    expect(await slots()).toHaveLength(1);
  });
});
