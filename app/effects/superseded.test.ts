import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, type TestDatabase } from "../../test/helpers/database.js";
import { isSuperseded } from "./superseded.js";

let db: TestDatabase;
beforeAll(async () => {
  db = await createTestDatabase();
});
afterAll(async () => db.drop());

async function queue(
  key: string,
  kind: string,
  payload: Record<string, number>,
  status = "pending",
) {
  const [row] = await db.sql<{ id: string }[]>`
    INSERT INTO outbox (idempotency_key, kind, installation_id, payload, status)
    VALUES (${key}, ${kind}, 1, ${db.sql.json(payload)}, ${status}) RETURNING id`;
  return Number(row?.id);
}
const status = (id: number, value: number) =>
  isSuperseded(db.sql, { id, kind: "update_status_comment", field: "workItemId", value });

describe("isSuperseded", () => {
  it("is true only for a later pending effect of the same kind and subject", async () => {
    const first = await queue("s:1", "update_status_comment", { workItemId: 7 });
    expect(await status(first, 7)).toBe(false);
    await queue("d:1", "update_dashboard", { workItemId: 7 });
    await queue("s:other", "update_status_comment", { workItemId: 8 });
    expect(await status(first, 7)).toBe(false);
    const second = await queue("s:2", "update_status_comment", { workItemId: 7 });
    expect(await status(first, 7)).toBe(true);
    // The latest is never skipped: nothing after it would show the state.
    expect(await status(second, 7)).toBe(false);
  });

  it("does not count a later effect that is done or dead-lettered", async () => {
    const first = await queue("s:10", "update_status_comment", { workItemId: 10 });
    await queue("s:11", "update_status_comment", { workItemId: 10 }, "done");
    await queue("s:12", "update_status_comment", { workItemId: 10 }, "dead");
    expect(await status(first, 10)).toBe(false);
  });
});
