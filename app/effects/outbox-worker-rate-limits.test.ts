import pino from "pino";
import { afterAll, beforeAll, expect, it } from "vitest";
import { createTestDatabase, type TestDatabase } from "../../test/helpers/database.js";
import { createMetrics } from "../metrics.js";
import { claimDueEffects, enqueueEffects, startEffect } from "../store/outbox.js";
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

/** One effect of `kind`, queued afresh, and a worker that performs it (2 attempts allowed). */
async function queueOne(kind: string, perform: Performer) {
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
  const run = async (tries: number) => {
    for (let i = 0; i < tries; i++) {
      await worker.runOnce();
      await db.sql`UPDATE outbox SET run_after = now()`;
    }
    const [row] = await db.sql<{ status: string; attempts: number }[]>`
      SELECT status, attempts FROM outbox`;
    return { row, dead };
  };
  return run;
}

async function runUntilSettled(kind: string, perform: Performer, tries: number) {
  return (await queueOne(kind, perform))(tries);
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

it("does not count GitHub's waits toward dead-lettering a later failure", async () => {
  let calls = 0;
  const flaky: Performer = async () => {
    calls++;
    if (calls <= 4) throw githubError(429, { "retry-after": "30" });
    if (calls === 5) throw githubError(502, {});
  };
  // Two attempts allowed: the 502 is the first that failed on its own.
  const { row, dead } = await runUntilSettled("flaky", flaky, 6);
  expect(dead).toEqual([]);
  expect(row).toEqual({ status: "done", attempts: 6 });
});

it("retries an effect whose worker died once after GitHub's waits, instead of burying it", async () => {
  let calls = 0;
  const limited: Performer = async () => {
    calls++;
    if (calls <= 4) throw githubError(429, { "retry-after": "30" });
  };
  const run = await queueOne("survivor", limited);
  await run(4);
  // A worker claims it, starts it and dies: the lease runs out with the attempt started.
  const [claimed] = await claimDueEffects(db.sql, 1, 60_000);
  expect(claimed && (await startEffect(db.sql, claimed, 60_000))).toBe(true);
  await db.sql`UPDATE outbox SET run_after = now()`;
  const { row, dead } = await run(1);
  expect(dead).toEqual([]);
  expect(calls).toBe(5);
  expect(row).toEqual({ status: "done", attempts: 6 });
});
