import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, type TestDatabase } from "../../test/helpers/database.js";
import { sealableTransaction } from "./sealable-transaction.js";

let db: TestDatabase;
beforeAll(async () => {
  db = await createTestDatabase();
});
afterAll(async () => db.drop());

const REFUSED =
  "Delivery d1 sent a statement after saying it had sent its last one (lastWritesSent)";

describe("a sealable transaction", () => {
  it("passes statements, fragments and helpers through until sealed, then refuses every way of sending one", async () => {
    await db.sql.begin(async (tx) => {
      const scope = sealableTransaction(tx, "Delivery d1");
      const where = scope.tx`n = ${2}`;
      const [row] = await scope.tx`SELECT n FROM (VALUES (1), (2)) AS t(n) WHERE ${where}`;
      expect(row?.n).toBe(2);
      expect(await scope.tx.unsafe("SELECT 1 AS one")).toEqual([{ one: 1 }]);
      scope.seal();
      expect(() => scope.tx`SELECT 1`).toThrow(REFUSED);
      expect(() => scope.tx.unsafe("SELECT 1")).toThrow(REFUSED);
      expect(() => scope.tx.savepoint(async () => {})).toThrow(REFUSED);
      // Helpers that send nothing still work; the transaction itself is untouched.
      expect(scope.tx.json({ a: 1 })).toBeDefined();
      const [still] = await tx`SELECT 3 AS n`;
      expect(still?.n).toBe(3);
    });
  });

  it("runs beforeStatement as each statement is made, ahead of it, and not for helpers", async () => {
    await db.sql.begin(async (tx) => {
      const order: string[] = [];
      const scope = sealableTransaction(tx, "Delivery d2", () => {
        order.push("before");
        void tx`SELECT 1`.then(() => order.push("sent ahead"));
      });
      scope.tx.json({ a: 1 });
      expect(order).toEqual([]);
      await scope.tx`SELECT 2`.then(() => order.push("statement"));
      await scope.tx.unsafe("SELECT 3").then(() => order.push("unsafe"));
      expect(order).toEqual([
        "before",
        "sent ahead",
        "statement",
        "before",
        "sent ahead",
        "unsafe",
      ]);
    });
  });
});
