import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { createTestDatabase, type TestDatabase } from "../../test/helpers/database.js";
import { queueDashboardUpdate } from "./dashboard-updates.js";
import {
  buryEffect,
  claimDueEffects,
  enqueueEffects,
  markEffectDone,
  type OutboxEffect,
  rescheduleEffect,
  startEffect,
} from "./outbox.js";

let db: TestDatabase;
beforeAll(async () => {
  db = await createTestDatabase();
});
afterAll(async () => db.drop());
beforeEach(async () => {
  await db.sql`TRUNCATE outbox`;
});

const LEASE_MS = 60_000;
const effect = (key: string): OutboxEffect => ({
  idempotencyKey: key,
  kind: "comment",
  installationId: 1,
  payload: {},
});
const enqueue = (...keys: string[]) => db.sql.begin((tx) => enqueueEffects(tx, keys.map(effect)));
const claim = (limit = 10) => claimDueEffects(db.sql, limit, LEASE_MS);
// A lease running out, as time would make it: the clock is not waited for.
const expireLeases = () => db.sql`UPDATE outbox SET run_after = now() WHERE status = 'pending'`;
const attempts = async () =>
  (await db.sql`SELECT attempts FROM outbox ORDER BY id`).map((row) => row.attempts);

describe("claimDueEffects", () => {
  it("charges one attempt, leases the rows and hands them over in the order written", async () => {
    await enqueue("a", "b", "c");
    const claimed = await claim();
    expect(claimed.map((e) => [e.idempotencyKey, e.attempts, e.interrupted])).toEqual([
      ["a", 1, false],
      ["b", 1, false],
      ["c", 1, false],
    ]);
    expect(new Set(claimed.map((e) => e.lease)).size).toBe(1);
    expect(await claim()).toEqual([]); // leased: no other claim takes them
  });

  it("carries over the attempt of a lease that ran out before its effect started", async () => {
    await enqueue("a", "b");
    const [first] = await claim();
    await expireLeases();
    const again = await claim();
    expect(again.map((e) => [e.attempts, e.interrupted])).toEqual([
      [1, false],
      [1, false],
    ]);
    expect(again[0]?.lease).not.toBe(first?.lease);
    // Claimed and dropped over and over, never started: still one attempt.
    for (let i = 0; i < 10; i++) {
      await expireLeases();
      await claim();
    }
    expect(await attempts()).toEqual([1, 1]);
  });

  it("counts the attempt of a started effect whose lease ran out, and says it was interrupted", async () => {
    await enqueue("a", "b");
    const [a] = await claim();
    expect(a && (await startEffect(db.sql, a, LEASE_MS))).toBe(true);
    await expireLeases();
    const again = await claim();
    expect(again.map((e) => [e.idempotencyKey, e.attempts, e.interrupted])).toEqual([
      ["a", 2, true],
      ["b", 1, false],
    ]);
  });

  it("charges the next attempt in full once the last one ended with a recorded outcome", async () => {
    await enqueue("a");
    const [a] = await claim();
    if (!a) throw new Error("nothing claimed");
    await startEffect(db.sql, a, LEASE_MS);
    await rescheduleEffect(db.sql, a.id, 0, "502");
    const [again] = await claim();
    expect(again).toMatchObject({ attempts: 2, interrupted: false });
  });
});

describe("startEffect", () => {
  it("refuses a claim whose lease another claim replaced: the effect is theirs now", async () => {
    await enqueue("a");
    const [stale] = await claim();
    await expireLeases();
    const [current] = await claim();
    if (!stale || !current) throw new Error("nothing claimed");
    expect(await startEffect(db.sql, stale, LEASE_MS)).toBe(false);
    expect(await startEffect(db.sql, current, LEASE_MS)).toBe(true);
    const [row] = await db.sql`SELECT lease::text, started_at IS NOT NULL AS started FROM outbox`;
    expect(row).toEqual({ lease: current.lease, started: true });
  });

  it("refuses an effect that is no longer pending, and a lease nobody holds", async () => {
    await enqueue("a", "b");
    const [a, b] = await claim();
    if (!a || !b) throw new Error("nothing claimed");
    await markEffectDone(db.sql, a.id);
    await buryEffect(db.sql, b.id, "given up");
    expect(await startEffect(db.sql, a, LEASE_MS)).toBe(false);
    expect(await startEffect(db.sql, b, LEASE_MS)).toBe(false);
    const unknown = { id: a.id, lease: "00000000-0000-4000-8000-000000000000" };
    expect(await startEffect(db.sql, unknown, LEASE_MS)).toBe(false);
  });

  it("leaves the lease alone while more than half of it is left", async () => {
    await enqueue("a", "b");
    const [a] = await claim();
    if (!a) throw new Error("nothing claimed");
    const before = await db.sql`SELECT run_after FROM outbox ORDER BY id`;
    await startEffect(db.sql, a, LEASE_MS);
    expect(await db.sql`SELECT run_after FROM outbox ORDER BY id`).toEqual(before);
  });

  it("renews the rest of the claim together once half the lease is spent, so they still fall due together", async () => {
    await enqueue("a", "b", "c", "other");
    const [a, b] = await claim(3);
    const [other] = await claim(1);
    if (!a || !b || !other) throw new Error("nothing claimed");
    await markEffectDone(db.sql, a.id);
    // 45 of the 60 seconds are spent.
    await db.sql`UPDATE outbox SET run_after = now() + interval '15 seconds' WHERE status = 'pending'`;
    expect(await startEffect(db.sql, b, LEASE_MS)).toBe(true);
    const rows = await db.sql`
      SELECT idempotency_key AS key, round(extract(epoch FROM run_after - now()))::int AS due_in
      FROM outbox WHERE status = 'pending' ORDER BY id`;
    expect(rows).toEqual([
      { key: "b", due_in: 60 },
      { key: "c", due_in: 60 },
      { key: "other", due_in: 15 }, // another claim's lease is not this worker's to renew
    ]);
  });
});

describe("recorded outcomes", () => {
  it("release the lease, so the next claim of a rescheduled effect is a fresh attempt", async () => {
    await enqueue("a", "b");
    const [a, b] = await claim();
    if (!a || !b) throw new Error("nothing claimed");
    await startEffect(db.sql, a, LEASE_MS);
    await markEffectDone(db.sql, a.id);
    await startEffect(db.sql, b, LEASE_MS);
    await rescheduleEffect(db.sql, b.id, 0, "waiting", { refundAttempt: true });
    const rows = await db.sql`
      SELECT status, attempts, lease, started_at FROM outbox ORDER BY id`;
    expect(rows).toEqual([
      { status: "done", attempts: 1, lease: null, started_at: null },
      { status: "pending", attempts: 0, lease: null, started_at: null },
    ]);
  });

  it("a burial can give back the attempt it never started", async () => {
    await enqueue("a");
    const [a] = await claim();
    if (!a) throw new Error("nothing claimed");
    await buryEffect(db.sql, a.id, "its last attempt never finished", { refundAttempt: true });
    expect(await db.sql`SELECT status, attempts FROM outbox`).toEqual([
      { status: "dead", attempts: 0 },
    ]);
  });
});

describe("a waiting dashboard redraw", () => {
  let projectId: number;
  beforeAll(async () => {
    await db.sql`
      INSERT INTO installations (id, account_login, account_type) VALUES (1, 'octo-org', 'Organization')
      ON CONFLICT DO NOTHING`;
    const [project] = await db.sql`
      INSERT INTO projects (installation_id, repo_id, owner, name) VALUES (1, 42, 'octo-org', 'repo')
      RETURNING id`;
    projectId = Number(project?.id);
  });
  const queue = (cause: string, delayMs = 0) =>
    db.sql.begin((tx) => queueDashboardUpdate(tx, { projectId }, cause, { delayMs }));

  it("is not joined once claimed, even after its lease ran out unstarted: its lease is not shortened", async () => {
    await queue("a", 30_000);
    await expireLeases(); // the burst ended
    const [taken] = await claim();
    await db.sql`UPDATE outbox SET run_after = now() - interval '1 second'`; // the worker died
    const [retaken] = await claim();
    expect([taken?.attempts, retaken?.attempts]).toEqual([1, 1]);
    const leasedUntil = await db.sql`SELECT run_after FROM outbox`;
    await queue("b");
    const rows = await db.sql`SELECT idempotency_key, attempts FROM outbox ORDER BY id`;
    expect(rows.map((row) => [row.idempotency_key, row.attempts])).toEqual([
      [`dashboard:${projectId}:a`, 1],
      [`dashboard:${projectId}:b`, 0],
    ]);
    expect((await db.sql`SELECT run_after FROM outbox ORDER BY id LIMIT 1`)[0]).toEqual(
      leasedUntil[0],
    );
  });
});
