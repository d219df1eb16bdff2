import pino from "pino";
import { afterAll, beforeAll, expect, it } from "vitest";
import { createTestDatabase, type TestDatabase } from "../../test/helpers/database.js";
import { createMetrics } from "../metrics.js";
import { enqueueEffects } from "../store/outbox.js";
import { createOutboxWorker, type Performer } from "./outbox-worker.js";

let db: TestDatabase;
beforeAll(async () => {
  db = await createTestDatabase();
});
afterAll(async () => db.drop());

/** An Octokit RequestError as GitHub's answer makes it: a status and the response headers. */
const githubError = (status: number, headers: Record<string, string>) =>
  Object.assign(new Error(status === 429 ? "Too Many Requests" : "Server Error"), {
    status,
    response: { headers },
  });

async function runUntilSettled(kind: string, perform: Performer, tries: number) {
  await db.sql`TRUNCATE outbox`;
  await db.sql.begin((tx) =>
    enqueueEffects(tx, [{ idempotencyKey: kind, kind, installationId: 1, payload: {} }]),
  );
  const dead: string[] = [];
  const worker = createOutboxWorker({
    sql: db.sql,
    performers: { [kind]: perform },
    log: pino({ level: "silent" }),
    metrics: createMetrics(),
    maxAttempts: 2,
    random: () => 0,
    onDeadLetter: async (effect) => void dead.push(effect.idempotencyKey),
  });
  for (let i = 0; i < tries; i++) {
    await worker.runOnce();
    await db.sql`UPDATE outbox SET run_after = now()`;
  }
  const [row] = await db.sql<{ status: string; attempts: number }[]>`
    SELECT status, attempts FROM outbox`;
  return { row, dead };
}

it("never dead-letters an effect for GitHub's rate limits, keeps counting its attempts, and does it once they lift", async () => {
  let calls = 0;
  const limited: Performer = async () => {
    calls++;
    if (calls <= 4) throw githubError(429, { "retry-after": "30" });
  };
  const { row, dead } = await runUntilSettled("limited", limited, 5);
  expect(dead).toEqual([]);
  // Attempts still count: a retry looks for what an earlier attempt may have done.
  expect(row).toEqual({ status: "done", attempts: 5 });
});

it("still dead-letters an effect that keeps failing without being told to wait", async () => {
  const broken: Performer = async () => {
    throw githubError(502, {});
  };
  const { row, dead } = await runUntilSettled("broken", broken, 3);
  expect(dead).toEqual(["broken"]);
  expect(row).toEqual({ status: "dead", attempts: 2 });
});
