import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { createTestDatabase, type TestDatabase } from "../../test/helpers/database.js";
import type { DeliveryRecord } from "../store/deliveries.js";
import { enqueueEffects } from "../store/outbox.js";
import { part, ROWS, rowsPart } from "../store/write-together.js";
import { type CommitItem, createGroupCommit } from "./group-commit.js";

let db: TestDatabase;
beforeAll(async () => {
  db = await createTestDatabase();
  await db.sql`CREATE TABLE effects (delivery text, txid bigint, seq serial)`;
});
afterAll(async () => db.drop());
beforeEach(async () => {
  await db.sql`TRUNCATE effects, deliveries, outbox`;
});

const record = (id: string, installationId = 1): DeliveryRecord => ({
  id,
  event: "issues",
  action: "labeled",
  installationId,
  repository: "acme/app",
});
/** A handler that writes a row saying which transaction it ran in. */
const writes = (id: string, installationId = 1, fail = false): CommitItem => ({
  record: record(id, installationId),
  async handle(tx) {
    await tx`INSERT INTO effects (delivery, txid) VALUES (${id}, txid_current())`;
    if (fail) throw new Error(`handler of ${id} failed`);
  },
});

/** The row a deferring handler leaves: one call site, so a burst's rows merge. */
const effectRow = (delivery: string, txid: unknown = null) =>
  rowsPart("effect_rows", [{ delivery, txid: txid as string | null }])`
    INSERT INTO effects (delivery, txid)
    SELECT delivery, coalesce(txid, txid_current()) FROM jsonb_to_recordset(${ROWS}) AS r (delivery text, txid bigint)`;
/** A handler that leaves its row unsent (`Handoff.defer`) and says it sent its last. */
const leaves = (id: string, txid?: unknown): CommitItem => ({
  record: record(id),
  async handle(_tx, lastWritesSent, handoff) {
    expect(handoff.defer([effectRow(id, txid)])).toBe(true);
    lastWritesSent();
  },
});
/** Which statement of its transaction wrote each row: rows of one statement share a cmin. */
const writtenBy = () =>
  db.sql<{ delivery: string; cmin: number; txid: string }[]>`
    SELECT delivery, cmin::text::int AS cmin, txid FROM effects ORDER BY seq`;

describe("group commit", () => {
  it("commits a burst in shared transactions, each delivery once", async () => {
    const commits = createGroupCommit(db.sql, { lanes: 1 });
    const ids = Array.from({ length: 40 }, (_, i) => `d${i}`);
    const outcomes = await Promise.all(ids.map((id) => commits.submit(writes(id))));
    expect(outcomes.every((outcome) => outcome === "processed")).toBe(true);
    const rows = await db.sql`SELECT delivery, txid FROM effects ORDER BY seq`;
    expect(rows.map((row) => row.delivery)).toEqual(ids); // arrival order kept
    expect(new Set(rows.map((row) => row.txid)).size).toBeLessThan(ids.length);
    const [processed] =
      await db.sql`SELECT count(*)::int AS n FROM deliveries WHERE status = 'processed'`;
    expect(processed?.n).toBe(40);
  });

  it("hands what a delivery passes on to its installation's next delivery in the batch, and to it only", async () => {
    const commits = createGroupCommit(db.sql, { lanes: 1 });
    const received: Record<string, unknown> = {};
    const passing = (id: string, installationId: number, pass: boolean): CommitItem => ({
      record: record(id, installationId),
      async handle(tx, lastWritesSent, handoff) {
        received[id] = handoff.received;
        const written = tx`INSERT INTO effects (delivery, txid) VALUES (${id}, txid_current())`;
        if (pass) handoff.pass(`from ${id}`);
        lastWritesSent();
        await written;
      },
    });
    await Promise.all([
      commits.submit(passing("alone", 1, true)), // its batch ends with it
      commits.submit(passing("a1", 1, true)),
      commits.submit(passing("b1", 2, true)), // another installation: runs beside a1
      commits.submit(passing("a2", 1, false)),
      commits.submit(passing("a3", 1, true)),
      commits.submit(passing("b2", 2, false)),
    ]);
    expect(received).toEqual({
      alone: undefined,
      a1: undefined,
      b1: undefined,
      a2: "from a1",
      a3: undefined, // a2 passed nothing: a1's is not carried past it
      b2: "from b1",
    });
  });

  it("refuses a handoff after lastWritesSent, when the next delivery may have started", async () => {
    const commits = createGroupCommit(db.sql, { lanes: 1 });
    const late: CommitItem = {
      record: record("late"),
      async handle(_tx, lastWritesSent, handoff) {
        lastWritesSent();
        handoff.pass("too late");
      },
    };
    await expect(commits.submit(late)).rejects.toThrow(
      "The handler of delivery late passed something on after lastWritesSent",
    );
  });

  it("sends the writes a burst left unsent as one statement once its installation's deliveries are done", async () => {
    const commits = createGroupCommit(db.sql, { lanes: 1 });
    const outcomes = await Promise.all(
      ["alone", "a1", "a2", "a3"].map((id) => commits.submit(leaves(id))),
    );
    expect(outcomes).toEqual(["processed", "processed", "processed", "processed"]);
    const rows = await writtenBy();
    expect(rows.map((row) => row.delivery)).toEqual(["alone", "a1", "a2", "a3"]);
    const burst = rows.slice(1);
    expect(new Set(burst.map((row) => `${row.txid}:${row.cmin}`)).size).toBe(1);
    expect(rows[0]?.txid).not.toBe(rows[1]?.txid);
  });

  it("sends writes left unsent ahead of the next statement made, which sees them", async () => {
    const commits = createGroupCommit(db.sql, { lanes: 1 });
    let seen: number | undefined;
    const reads: CommitItem = {
      record: record("reads"),
      async handle(tx) {
        const [row] = await tx`SELECT count(*)::int AS n FROM effects WHERE delivery LIKE 'left-%'`;
        seen = row?.n;
        await tx`INSERT INTO effects (delivery, txid) VALUES ('reads', txid_current())`;
      },
    };
    await Promise.all([
      commits.submit(writes("first, alone in its batch")),
      commits.submit(leaves("left-1")),
      commits.submit(leaves("left-2")),
      commits.submit(reads),
      commits.submit(leaves("left-3")),
    ]);
    expect(seen).toBe(2);
    const rows = await writtenBy();
    expect(rows.map((row) => row.delivery)).toEqual([
      "first, alone in its batch",
      "left-1",
      "left-2",
      "reads",
      "left-3",
    ]);
    expect(rows[1]?.cmin).toBe(rows[2]?.cmin);
  });

  it("refuses to leave writes that would not merge with those already left, which the handler then sends itself, in order", async () => {
    const commits = createGroupCommit(db.sql, { lanes: 1 });
    const left: boolean[] = [];
    const plain = (id: string): CommitItem => ({
      record: record(id),
      async handle(tx, lastWritesSent, handoff) {
        const own = part(
          "plain",
        )`INSERT INTO effects (delivery, txid) VALUES (${id}, txid_current())`;
        const deferred = handoff.defer([own]);
        left.push(deferred);
        if (!deferred)
          await tx`INSERT INTO effects (delivery, txid) VALUES (${id}, txid_current())`;
        lastWritesSent();
      },
    });
    await Promise.all([
      commits.submit(writes("first, alone in its batch")),
      commits.submit(plain("p1")),
      commits.submit(plain("p2")),
    ]);
    expect(left).toEqual([true, false]);
    expect((await writtenBy()).map((row) => row.delivery)).toEqual([
      "first, alone in its batch",
      "p1",
      "p2",
    ]);
  });

  it("refuses writes left after lastWritesSent, when the next delivery may have started", async () => {
    const commits = createGroupCommit(db.sql, { lanes: 1 });
    const late: CommitItem = {
      record: record("late"),
      async handle(_tx, lastWritesSent, handoff) {
        lastWritesSent();
        handoff.defer([effectRow("late")]);
      },
    };
    await expect(commits.submit(late)).rejects.toThrow(
      "The handler of delivery late deferred writes after lastWritesSent",
    );
    expect(await writtenBy()).toEqual([]);
  });

  it("fails only the delivery whose left writes failed, once its batch is run again one by one", async () => {
    const commits = createGroupCommit(db.sql, { lanes: 1 });
    const settled = await Promise.allSettled([
      commits.submit(writes("first, alone in its batch")),
      commits.submit(leaves("good-1")),
      commits.submit(leaves("bad", "not a transaction id")),
      commits.submit(leaves("good-2")),
    ]);
    expect(settled.map((result) => result.status)).toEqual([
      "fulfilled",
      "fulfilled",
      "rejected",
      "fulfilled",
    ]);
    expect((settled[2] as PromiseRejectedResult).reason.message).toMatch(/type bigint/);
    expect((await writtenBy()).map((row) => row.delivery)).toEqual([
      "first, alone in its batch",
      "good-1",
      "good-2",
    ]);
    const claimed = await db.sql`SELECT id FROM deliveries ORDER BY id`;
    expect(claimed.map((row) => row.id)).toEqual(["first, alone in its batch", "good-1", "good-2"]);
  });

  it("fails only the delivery whose handler threw, rolling back just its writes", async () => {
    const commits = createGroupCommit(db.sql, { lanes: 1 });
    const settled = await Promise.allSettled([
      commits.submit(writes("a")),
      commits.submit(writes("b", 1, true)),
      commits.submit(writes("c")),
      commits.submit(writes("d")),
    ]);
    expect(settled.map((result) => result.status)).toEqual([
      "fulfilled",
      "rejected",
      "fulfilled",
      "fulfilled",
    ]);
    expect((settled[1] as PromiseRejectedResult).reason.message).toBe("handler of b failed");
    const rows = await db.sql`SELECT delivery FROM effects ORDER BY delivery`;
    expect(rows.map((row) => row.delivery)).toEqual(["a", "c", "d"]);
    const claimed = await db.sql`SELECT id FROM deliveries ORDER BY id`;
    expect(claimed.map((row) => row.id)).toEqual(["a", "c", "d"]);
  });

  it("processes copies of one delivery in one batch once", async () => {
    const commits = createGroupCommit(db.sql, { lanes: 1 });
    const outcomes = await Promise.all([1, 2, 3, 4].map(() => commits.submit(writes("same"))));
    expect([...outcomes].sort()).toEqual(["duplicate", "duplicate", "duplicate", "processed"]);
    expect(await db.sql`SELECT delivery FROM effects`).toHaveLength(1);
  });

  it("answers duplicate for a delivery committed earlier", async () => {
    const commits = createGroupCommit(db.sql);
    expect(await commits.submit(writes("x"))).toBe("processed");
    expect(await commits.submit(writes("x"))).toBe("duplicate");
    expect(await db.sql`SELECT delivery FROM effects`).toHaveLength(1);
  });

  it("records ignored deliveries in the batch's transaction, once, never over a processed one", async () => {
    const commits = createGroupCommit(db.sql, { lanes: 1 });
    const ignoredItem = (id: string): CommitItem => ({ record: { ...record(id), event: "star" } });
    const outcomes = await Promise.all([
      commits.submit(writes("handled")),
      commits.submit(ignoredItem("skip-1")),
      commits.submit(ignoredItem("skip-1")),
      commits.submit(ignoredItem("skip-2")),
    ]);
    expect(outcomes).toEqual(["processed", "ignored", "ignored", "ignored"]);
    expect(await commits.submit(ignoredItem("handled"))).toBe("ignored");
    const rows = await db.sql`SELECT id, status, event FROM deliveries ORDER BY id`;
    expect(rows.map((row) => [row.id, row.status, row.event])).toEqual([
      ["handled", "processed", "issues"],
      ["skip-1", "ignored", "star"],
      ["skip-2", "ignored", "star"],
    ]);
    expect(await db.sql`SELECT delivery FROM effects`).toHaveLength(1);
  });

  it("keeps each installation's deliveries in order across lanes", async () => {
    const commits = createGroupCommit(db.sql, { lanes: 3 });
    const items = Array.from({ length: 30 }, (_, i) => writes(`i${i % 3}-${i}`, (i % 3) + 1));
    await Promise.all(items.map((item) => commits.submit(item)));
    for (const installation of [0, 1, 2]) {
      const rows =
        await db.sql`SELECT delivery FROM effects WHERE delivery LIKE ${`i${installation}-%`} ORDER BY seq`;
      const order = rows.map((row) => Number(String(row.delivery).split("-")[1]));
      expect(order).toEqual([...order].sort((a, b) => a - b));
    }
  });

  it("runs different installations' deliveries of one batch side by side, each installation in order", async () => {
    const commits = createGroupCommit(db.sql, { lanes: 1 });
    // Installation 2's handler starts only once installation 1's is under way and waiting:
    // run one after another, the first would wait for a start that never comes.
    let started2: () => void = () => {};
    const secondStarted = new Promise<string>((resolve) => {
      started2 = () => resolve("side by side");
    });
    const waitsForTwo: CommitItem = {
      record: record("one-a", 1),
      async handle(tx) {
        const seen = await Promise.race([
          secondStarted,
          new Promise<string>((resolve) => setTimeout(() => resolve("one after another"), 2_000)),
        ]);
        await tx`INSERT INTO effects (delivery, txid) VALUES (${seen}, txid_current())`;
      },
    };
    const startsTwo: CommitItem = {
      record: record("two-a", 2),
      async handle(tx) {
        started2();
        await tx`INSERT INTO effects (delivery, txid) VALUES ('two-a', txid_current())`;
      },
    };
    await Promise.all([
      commits.submit(writes("first, alone in its batch", 3)),
      commits.submit(waitsForTwo),
      commits.submit(writes("one-b", 1)),
      commits.submit(startsTwo),
      commits.submit(writes("two-b", 2)),
    ]);
    const rows = await db.sql`SELECT delivery, txid FROM effects ORDER BY seq`;
    const order = rows.map((row) => row.delivery);
    expect(order).toContain("side by side");
    expect(order.indexOf("one-b")).toBeGreaterThan(order.indexOf("side by side"));
    expect(order.indexOf("two-b")).toBeGreaterThan(order.indexOf("two-a"));
    expect(new Set(rows.slice(1).map((row) => row.txid)).size).toBe(1);
  });

  it("rolls back a batch whose other installation failed only after every handler finished", async () => {
    const commits = createGroupCommit(db.sql, { lanes: 1 });
    const settled = await Promise.allSettled([
      commits.submit(writes("first, alone in its batch", 3)),
      commits.submit(writes("x1", 1)),
      commits.submit(writes("y1", 2, true)),
      commits.submit(writes("x2", 1)),
    ]);
    expect(settled.map((result) => result.status)).toEqual([
      "fulfilled",
      "fulfilled",
      "rejected",
      "fulfilled",
    ]);
    const rows = await db.sql`SELECT delivery FROM effects ORDER BY seq`;
    expect(rows.map((row) => row.delivery)).toEqual(["first, alone in its batch", "x1", "x2"]);
  });

  it("wakes the outbox worker after a commit that queued effects, and only then", async () => {
    let wakes = 0;
    const commits = createGroupCommit(db.sql, { lanes: 1, onEffectsQueued: () => wakes++ });
    await Promise.all([commits.submit(writes("quiet-1")), commits.submit(writes("quiet-2"))]);
    expect(wakes).toBe(0);
    const queues: CommitItem = {
      record: record("queues"),
      handle: (tx) =>
        enqueueEffects(tx, [
          { idempotencyKey: "k", kind: "comment", installationId: 1, payload: {} },
        ]),
    };
    expect(await commits.submit(queues)).toBe("processed");
    expect(wakes).toBe(1);
    // A batch rolled back for its failing handler wakes nobody; the rerun of the rest does, once.
    const again: CommitItem = { ...queues, record: record("queues-again") };
    const settled = await Promise.allSettled([
      commits.submit(writes("first, alone in its batch")),
      commits.submit(writes("fails", 1, true)),
      commits.submit(again),
    ]);
    expect(settled.map((result) => result.status)).toEqual(["fulfilled", "rejected", "fulfilled"]);
    expect(wakes).toBe(2);
  });

  describe("an installation's next delivery, once the previous has sent its last statements", () => {
    it("starts before their answers, and still sees their writes", async () => {
      const commits = createGroupCommit(db.sql, { lanes: 1 });
      const events: string[] = [];
      const sends: CommitItem = {
        record: record("sends"),
        async handle(tx, lastWritesSent) {
          // Answered late on purpose: the next delivery must not wait for it.
          const written = tx`INSERT INTO effects (delivery, txid)
            SELECT 'sends', txid_current() FROM pg_sleep(0.05)`;
          events.push("sends: sent");
          lastWritesSent();
          await written;
          events.push("sends: answered");
        },
      };
      const reads: CommitItem = {
        record: record("reads"),
        async handle(tx) {
          events.push("reads: started");
          const [row] = await tx`SELECT count(*)::int AS n FROM effects WHERE delivery = 'sends'`;
          events.push(`reads: saw ${row?.n}`);
        },
      };
      const outcomes = await Promise.all([
        commits.submit(writes("first, alone in its batch")),
        commits.submit(sends),
        commits.submit(reads),
      ]);
      expect(outcomes).toEqual(["processed", "processed", "processed"]);
      expect(events).toEqual(["sends: sent", "reads: started", "sends: answered", "reads: saw 1"]);
    });

    it("refuses a statement sent after lastWritesSent: that delivery fails alone, saying why", async () => {
      const commits = createGroupCommit(db.sql, { lanes: 1 });
      const late: CommitItem = {
        record: record("late"),
        async handle(tx, lastWritesSent) {
          const written = tx`INSERT INTO effects (delivery, txid) VALUES ('late', txid_current())`;
          lastWritesSent();
          await written;
          await tx`INSERT INTO effects (delivery, txid) VALUES ('late, again', txid_current())`;
        },
      };
      const settled = await Promise.allSettled([
        commits.submit(writes("first, alone in its batch")),
        commits.submit(late),
        commits.submit(writes("after")),
      ]);
      expect(settled.map((result) => result.status)).toEqual([
        "fulfilled",
        "rejected",
        "fulfilled",
      ]);
      expect((settled[1] as PromiseRejectedResult).reason.message).toBe(
        "The handler of delivery late sent a statement after saying it had sent its last one (lastWritesSent)",
      );
      const rows = await db.sql`SELECT delivery FROM effects ORDER BY seq`;
      expect(rows.map((row) => row.delivery)).toEqual(["first, alone in its batch", "after"]);
      expect(await db.sql`SELECT id FROM deliveries WHERE id = 'late'`).toHaveLength(0);
    });

    it("fails only the delivery whose sent writes failed, though the next one had started", async () => {
      const commits = createGroupCommit(db.sql, { lanes: 1 });
      const events: string[] = [];
      const failing: CommitItem = {
        record: record("failing"),
        async handle(tx, lastWritesSent) {
          const written = tx`INSERT INTO effects (delivery, txid) VALUES ('failing', 1 / 0)`;
          lastWritesSent();
          await written.catch((error: unknown) => {
            events.push("failing: answered");
            throw error;
          });
        },
      };
      const behind = writes("started behind it");
      const settled = await Promise.allSettled([
        commits.submit(writes("first, alone in its batch")),
        commits.submit(failing),
        commits.submit({
          ...behind,
          handle: (tx, lastWritesSent, handoff) => {
            events.push("behind: started");
            return behind.handle?.(tx, lastWritesSent, handoff) ?? Promise.resolve();
          },
        }),
      ]);
      // In the shared batch the next delivery started before the failure came back.
      expect(events.slice(0, 2)).toEqual(["behind: started", "failing: answered"]);
      expect(settled.map((result) => result.status)).toEqual([
        "fulfilled",
        "rejected",
        "fulfilled",
      ]);
      expect((settled[1] as PromiseRejectedResult).reason.message).toBe("division by zero");
      const rows = await db.sql`SELECT delivery FROM effects ORDER BY seq`;
      expect(rows.map((row) => row.delivery)).toEqual([
        "first, alone in its batch",
        "started behind it",
      ]);
    });
  });
});
