import pino from "pino";
import postgres from "postgres";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { createTestDatabase, type TestDatabase } from "../../test/helpers/database.js";
import { createMetrics } from "../metrics.js";
import {
  type ClaimedEffect,
  claimDueEffects,
  enqueueEffects,
  type OutboxEffect,
} from "../store/outbox.js";
import { createOutboxWorker, type Performer, RetryLaterError } from "./outbox-worker.js";

const log = pino({ level: "silent" });
let db: TestDatabase;
beforeAll(async () => {
  db = await createTestDatabase();
});
afterAll(async () => db.drop());
beforeEach(async () => {
  await db.sql`TRUNCATE outbox`;
});

const effect = (key: string, kind = "comment"): OutboxEffect => ({
  idempotencyKey: key,
  kind,
  installationId: 1,
  payload: { body: `hello ${key}` },
});
const enqueue = (...effects: OutboxEffect[]) => db.sql.begin((tx) => enqueueEffects(tx, effects));
const rows = () =>
  db.sql`SELECT idempotency_key, status, attempts, last_error FROM outbox ORDER BY id`;

describe("enqueueEffects", () => {
  it("commits with the transaction or not at all", async () => {
    await db.sql
      .begin(async (tx) => {
        await enqueueEffects(tx, [effect("a")]);
        throw new Error("handler failed");
      })
      .catch(() => {});
    expect(await rows()).toHaveLength(0);
  });

  it("ignores an effect whose key is already queued", async () => {
    await enqueue(effect("a"));
    await enqueue(effect("a"), effect("b"));
    expect((await rows()).map((row) => row.idempotency_key)).toEqual(["a", "b"]);
  });
});

describe("the worker", () => {
  /** A step one side waits for (`fired`) and the other takes (`fire`). */
  const signal = () => {
    let fire: () => void = () => {};
    const fired = new Promise<void>((resolve) => {
      fire = resolve;
    });
    return { fired, fire: () => fire() };
  };
  const worker = (performers: Record<string, Performer>, extra = {}) =>
    createOutboxWorker({
      sql: db.sql,
      performers,
      log,
      metrics: createMetrics(),
      random: () => 0,
      ...extra,
    });

  it("performs due effects once and marks them done", async () => {
    const seen: string[] = [];
    await enqueue(effect("a"), effect("b"));
    const run = worker({ comment: async (e) => void seen.push(e.idempotencyKey) });
    expect(await run.runOnce()).toBe(2);
    expect(await run.runOnce()).toBe(0);
    expect(seen).toEqual(["a", "b"]);
    expect((await rows()).map((row) => row.status)).toEqual(["done", "done"]);
  });

  it("retries a failure later with backoff, keeping the error", async () => {
    await enqueue(effect("a"));
    await worker({ comment: async () => Promise.reject(new Error("502 Bad Gateway")) }).runOnce();
    const [row] =
      await db.sql`SELECT status, attempts, last_error, run_after > now() AS later FROM outbox`;
    expect(row).toEqual({
      status: "pending",
      attempts: 1,
      last_error: "502 Bad Gateway",
      later: true,
    });
  });

  it("honours a performer's retry-after", async () => {
    await enqueue(effect("a"));
    const slowDown = new RetryLaterError("secondary rate limit", 90_000);
    await worker({ comment: async () => Promise.reject(slowDown) }).runOnce();
    const [row] = await db.sql`SELECT extract(epoch FROM run_after - now()) AS wait FROM outbox`;
    expect(Number(row?.wait)).toBeGreaterThan(85);
    expect(Number(row?.wait)).toBeLessThanOrEqual(90);
  });

  it("spends no attempt on a wait, so waiting never dead-letters", async () => {
    await enqueue(effect("a"));
    const dead: string[] = [];
    const waiting = new RetryLaterError("waiting for required checks", 60_000, {
      consumesAttempt: false,
    });
    const run = worker(
      { comment: async () => Promise.reject(waiting) },
      {
        maxAttempts: 2,
        onDeadLetter: async (e: ClaimedEffect) => void dead.push(e.idempotencyKey),
      },
    );
    for (let i = 0; i < 4; i++) {
      await run.runOnce();
      await db.sql`UPDATE outbox SET run_after = now()`;
    }
    expect(await rows()).toEqual([
      {
        idempotency_key: "a",
        status: "pending",
        attempts: 0,
        last_error: "waiting for required checks",
      },
    ]);
    expect(dead).toEqual([]);
  });

  it("dead-letters after the last attempt and says so once", async () => {
    await enqueue(effect("a"));
    const dead: [ClaimedEffect, string][] = [];
    const metrics = createMetrics();
    const run = worker(
      {
        comment: async () =>
          Promise.reject(new Error("403 Resource not accessible by integration")),
      },
      {
        maxAttempts: 2,
        metrics,
        onDeadLetter: async (e: ClaimedEffect, why: string) => void dead.push([e, why]),
      },
    );
    await run.runOnce();
    await db.sql`UPDATE outbox SET run_after = now()`;
    await run.runOnce();
    await db.sql`UPDATE outbox SET run_after = now()`;
    expect(await run.runOnce()).toBe(0);
    expect(await rows()).toEqual([
      {
        idempotency_key: "a",
        status: "dead",
        attempts: 2,
        last_error: "403 Resource not accessible by integration",
      },
    ]);
    expect(dead.map(([e, why]) => [e.idempotencyKey, why])).toEqual([
      ["a", "403 Resource not accessible by integration"],
    ]);
    expect(
      await metrics.registry.getSingleMetricAsString("quantapilot_outbox_effects_total"),
    ).toContain('quantapilot_outbox_effects_total{kind="comment",outcome="dead"} 1');
  });

  it("dead-letters an effect nobody can perform", async () => {
    await enqueue(effect("a", "teleport"));
    await worker({}).runOnce();
    expect((await rows())[0]).toMatchObject({
      status: "dead",
      last_error: 'No performer for effect kind "teleport"',
    });
  });

  it("shares the work between replicas without doing anything twice", async () => {
    const keys = Array.from({ length: 60 }, (_, i) => `k${i}`);
    await enqueue(...keys.map((key) => effect(key)));
    const seen: string[] = [];
    const perform: Performer = async (e) => {
      await new Promise((resolve) => setTimeout(resolve, 2));
      seen.push(e.idempotencyKey);
    };
    const replicas = [
      postgres(db.url, { max: 2 }),
      postgres(db.url, { max: 2 }),
      postgres(db.url, { max: 2 }),
    ];
    try {
      const workers = replicas.map((sql) =>
        createOutboxWorker({
          sql,
          performers: { comment: perform },
          log,
          metrics: createMetrics(),
          batchSize: 3,
        }),
      );
      const drain = async (w: (typeof workers)[number]) => {
        while ((await w.runOnce()) > 0);
      };
      await Promise.all(workers.map(drain));
    } finally {
      await Promise.all(replicas.map((sql) => sql.end()));
    }
    expect(seen.sort()).toEqual([...keys].sort());
  });

  // A worker whose process dies in the middle of a performer: the performer never settles,
  // and the worker is dropped. `performing` resolves once that performer is running.
  const dyingWorker = (extra = {}) => {
    let performing: () => void = () => {};
    const started = new Promise<void>((resolve) => {
      performing = resolve;
    });
    const dies: Performer = () => {
      performing();
      return new Promise<void>(() => {});
    };
    return { started, run: worker({ comment: dies }, extra) };
  };
  // The dead worker's lease runs out, as time would make it: the clock is not waited for.
  const expireLeases = () => db.sql`UPDATE outbox SET run_after = now() WHERE status = 'pending'`;
  const attemptsByKey = async () =>
    Object.fromEntries(
      (await db.sql`SELECT idempotency_key, attempts FROM outbox ORDER BY id`).map((row) => [
        row.idempotency_key,
        row.attempts,
      ]),
    );

  it("a worker that dies performing the first of its batch spends an attempt of that one only", async () => {
    const keys = Array.from({ length: 10 }, (_, i) => `k${i}`);
    await enqueue(...keys.map((key) => effect(key)));
    const dying = dyingWorker();
    void dying.run.runOnce(); // never settles: the process died in k0's performer
    await dying.started;
    expect(await worker({}).runOnce()).toBe(0); // the live worker leaves leased rows alone
    await expireLeases();
    const seen: [string, number][] = [];
    const run = worker({ comment: async (e) => void seen.push([e.idempotencyKey, e.attempts]) });
    expect(await run.runOnce()).toBe(10);
    // In the order written; only k0 looks for what its interrupted attempt may have done.
    expect(seen).toEqual(keys.map((key) => [key, key === "k0" ? 2 : 1]));
    expect(Object.values(await attemptsByKey())).toEqual([2, 1, 1, 1, 1, 1, 1, 1, 1, 1]);
    expect((await rows()).every((row) => row.status === "done")).toBe(true);
  });

  it("a worker that dies after claiming, before starting anything, spends no attempt at all", async () => {
    await enqueue(effect("a"), effect("b"));
    for (let i = 0; i < 12; i++) {
      expect(await claimDueEffects(db.sql, 10, 60_000)).toHaveLength(2); // claimed, then died
      await expireLeases();
    }
    const seen: number[] = [];
    await worker(
      { comment: async (e) => void seen.push(e.attempts) },
      { maxAttempts: 2 },
    ).runOnce();
    expect(seen).toEqual([1, 1]);
    expect(await attemptsByKey()).toEqual({ a: 1, b: 1 });
  });

  it("dead-letters an effect that kills the worker every time, without starting it again, and goes on with the rest", async () => {
    await enqueue(effect("pill"), effect("innocent"));
    const dead: [string, number, string][] = [];
    const onDeadLetter = async (e: ClaimedEffect, why: string) =>
      void dead.push([e.idempotencyKey, e.attempts, why]);
    let deaths = 0;
    for (let i = 0; i < 3; i++) {
      const dying = dyingWorker({ maxAttempts: 3, onDeadLetter });
      void dying.run.runOnce();
      await dying.started;
      deaths++;
      await expireLeases();
    }
    const seen: string[] = [];
    const metrics = createMetrics();
    const run = worker(
      { comment: async (e) => void seen.push(`${e.idempotencyKey}:${e.attempts}`) },
      { maxAttempts: 3, onDeadLetter, metrics },
    );
    expect(await run.runOnce()).toBe(2);
    expect(deaths).toBe(3);
    expect(seen).toEqual(["innocent:1"]); // the pill is not started a fourth time
    expect(await rows()).toEqual([
      {
        idempotency_key: "pill",
        status: "dead",
        attempts: 3,
        last_error: expect.stringContaining("Attempt 3 started and never finished"),
      },
      { idempotency_key: "innocent", status: "done", attempts: 1, last_error: null },
    ]);
    expect(dead).toEqual([["pill", 3, expect.stringContaining("the app stopped")]]);
    expect(
      await metrics.registry.getSingleMetricAsString("quantapilot_outbox_effects_total"),
    ).toContain('quantapilot_outbox_effects_total{kind="comment",outcome="dead"} 1');
    expect(await run.runOnce()).toBe(0);
  });

  it("an interrupted attempt below the limit is retried, looking for what it may have done", async () => {
    await enqueue(effect("a"));
    const dying = dyingWorker({ maxAttempts: 3 });
    void dying.run.runOnce();
    await dying.started;
    await expireLeases();
    const seen: number[] = [];
    await worker(
      { comment: async (e) => void seen.push(e.attempts) },
      { maxAttempts: 3 },
    ).runOnce();
    expect(seen).toEqual([2]);
    expect(await rows()).toEqual([
      { idempotency_key: "a", status: "done", attempts: 2, last_error: null },
    ]);
  });

  it("a worker whose lease ran out before it reached an effect leaves it to the claim that took it", async () => {
    await enqueue(effect("slow"), effect("late"));
    const held = signal();
    const busy = signal();
    const seen: string[] = [];
    const slow = worker({
      comment: async (e) => {
        if (e.idempotencyKey === "slow") {
          busy.fire();
          await held.fired;
        }
        seen.push(`slow worker: ${e.idempotencyKey}`);
      },
    });
    const first = slow.runOnce();
    await busy.fired;
    // "late" waited past its lease behind "slow"; another replica takes it up.
    await db.sql`UPDATE outbox SET run_after = now() WHERE idempotency_key = 'late'`;
    const other = worker({ comment: async (e) => void seen.push(`other: ${e.idempotencyKey}`) });
    expect(await other.runOnce()).toBe(1);
    held.fire();
    expect(await first).toBe(2);
    expect(seen).toEqual(["other: late", "slow worker: slow"]);
    expect(await attemptsByKey()).toEqual({ slow: 1, late: 1 });
    expect((await rows()).map((row) => row.status)).toEqual(["done", "done"]);
  });

  it("keeps renewing the lease of an effect performed for longer than it, so no other worker takes it up", async () => {
    await enqueue(effect("slow"));
    const held = signal();
    const busy = signal();
    let performed = 0;
    // Renewed every 500 ms: only a stall of a whole second could let it run out.
    const leaseMs = 1500;
    const slow = worker(
      {
        comment: async () => {
          performed++;
          busy.fire();
          await held.fired;
        },
      },
      { leaseMs },
    );
    const first = slow.runOnce();
    await busy.fired;
    // Two leases' time: without renewal the row would have been due again long since.
    await new Promise((resolve) => setTimeout(resolve, 2 * leaseMs));
    const other = worker({ comment: async () => void performed++ }, { leaseMs });
    expect(await other.runOnce()).toBe(0);
    held.fire();
    expect(await first).toBe(1);
    expect(performed).toBe(1);
    expect(await attemptsByKey()).toEqual({ slow: 1 });
    expect((await rows()).map((row) => row.status)).toEqual(["done"]);
  });

  it("two workers draining the leases a dead one left perform each effect once", async () => {
    const keys = Array.from({ length: 30 }, (_, i) => `k${i}`);
    await enqueue(...keys.map((key) => effect(key)));
    const dying = dyingWorker({ batchSize: 30 });
    void dying.run.runOnce();
    await dying.started;
    await expireLeases();
    const seen: string[] = [];
    const replicas = [postgres(db.url, { max: 2 }), postgres(db.url, { max: 2 })];
    try {
      const drain = async (sql: (typeof replicas)[number]) => {
        const w = createOutboxWorker({
          sql,
          performers: { comment: async (e) => void seen.push(e.idempotencyKey) },
          log,
          metrics: createMetrics(),
          batchSize: 4,
        });
        while ((await w.runOnce()) > 0);
      };
      await Promise.all(replicas.map(drain));
    } finally {
      await Promise.all(replicas.map((sql) => sql.end()));
    }
    expect(seen.sort()).toEqual([...keys].sort());
    expect((await attemptsByKey()).k0).toBe(2);
    expect(Object.values(await attemptsByKey()).filter((n) => n === 1)).toHaveLength(29);
  });

  it("runs in the background and wakes when poked", async () => {
    let performed: (key: string) => void = () => {};
    const done = new Promise<string>((resolve) => {
      performed = resolve;
    });
    const run = worker({ comment: async (e) => performed(e.idempotencyKey) }, { pollMs: 60_000 });
    run.start();
    await enqueue(effect("poked"));
    run.poke();
    expect(await done).toBe("poked");
    await run.stop();
  });
});
