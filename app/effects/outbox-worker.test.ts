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

  it("takes up a crashed worker's effect once its lease runs out", async () => {
    await enqueue(effect("a"));
    expect(await claimDueEffects(db.sql, 10, 100)).toHaveLength(1); // claimed, then the worker dies
    const seen: number[] = [];
    const run = worker({ comment: async (e) => void seen.push(e.attempts) });
    expect(await run.runOnce()).toBe(0);
    await new Promise((resolve) => setTimeout(resolve, 150));
    expect(await run.runOnce()).toBe(1);
    expect(seen).toEqual([2]);
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
