import { randomUUID } from "node:crypto";
import examples from "@octokit/webhooks-examples/api.github.com/index.json" with { type: "json" };
import { afterAll, beforeAll, expect, it } from "vitest";
import { createTestDatabase, type TestDatabase } from "../helpers/database.js";
import { deliverWebhook } from "../helpers/deliver-webhook.js";
import { startTestServer } from "../helpers/test-server.js";

const payload = examples
  .find((group) => group.name === "installation")
  ?.examples.find((example) => (example as { action?: string }).action === "created");

let db: TestDatabase;
beforeAll(async () => {
  db = await createTestDatabase();
  // A slow handler: the delivery is still in flight when shutdown begins.
  await db.sql.unsafe(`
    CREATE FUNCTION slow_insert() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN PERFORM pg_sleep(1); RETURN NEW; END $$;
    CREATE TRIGGER slow_insert BEFORE INSERT ON installations FOR EACH ROW EXECUTE FUNCTION slow_insert();`);
});
afterAll(async () => db.drop());

it("finishes an in-flight delivery, commits it, then refuses new connections", async () => {
  const app = await startTestServer(db.url);
  const id = randomUUID();
  const inFlight = deliverWebhook(app.url, { event: "installation", id, payload });
  await new Promise((resolve) => setTimeout(resolve, 200));
  const stopped = app.stop();
  const reply = await inFlight;
  await stopped;
  expect(reply.body.outcome).toBe("processed");
  const [row] = await db.sql`SELECT status FROM deliveries WHERE id = ${id}`;
  expect(row?.status).toBe("processed");
  await expect(fetch(`${app.url}/healthz`)).rejects.toThrow();
});
