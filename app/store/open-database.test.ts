import pino from "pino";
import { afterAll, beforeAll, expect, it } from "vitest";
import { startWireCounter, type WireCounter } from "../../bench/wire-counter.js";
import { createTestDatabase, type TestDatabase } from "../../test/helpers/database.js";
import { openDatabase } from "./open-database.js";

let db: TestDatabase;
let counter: WireCounter;
beforeAll(async () => {
  db = await createTestDatabase();
  counter = await startWireCounter(db.url);
});
afterAll(async () => {
  await counter.stop();
  await db.drop();
});

it("sends a batch's statements in one socket write, however many there are", async () => {
  const database = await openDatabase({
    url: counter.url,
    dataDir: "/nonexistent",
    poolSize: 1,
    log: pino({ level: "silent" }),
  });
  try {
    await database.sql`SELECT 1`; // connected and warmed up: statements below are prepared
    const statements = 300; // a 64-delivery batch sends about this many at once
    await database.sql.begin(async (tx) => {
      await tx`SELECT ${0}::int AS n`;
      const before = counter.counts.writes;
      await Promise.all(Array.from({ length: statements }, (_, n) => tx`SELECT ${n}::int AS n`));
      // postgres.js's default lets 100 through, then sends each further one alone as answers come.
      expect(counter.counts.writes - before).toBe(1);
    });
  } finally {
    await database.close();
  }
});
