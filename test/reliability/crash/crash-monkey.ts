import type { Sql } from "postgres";
import { skipWaits } from "../life/drive-life.js";
import type { Rng } from "../life/rng.js";
import type { SpawnedApp } from "./spawned-app.js";

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Work the app has committed so far: deliveries recorded, effects performed, results stored. */
async function workDone(sql: Sql): Promise<number> {
  const [row] = await sql<{ n: number }[]>`
    SELECT (SELECT count(*) FROM deliveries)::int + (SELECT count(*) FROM outbox WHERE status = 'done')::int
      + (SELECT count(*) FROM stage_runs WHERE result IS NOT NULL)::int AS n`;
  return row?.n ?? 0;
}

export interface CrashMonkeyOptions {
  /** Each life of the app commits between 1 and this many units of work before it is killed. */
  maxWork?: number;
  /** Then it is killed within this many ms: mid-delivery, mid-effect, mid-transaction. */
  maxJitterMs?: number;
  /** A life that commits nothing for this long (no work is left) is killed anyway; it must
   * exceed the slowest effect (a merge, throttled writes), or that effect never completes. */
  idleMs?: number;
}

/**
 * Kills the app with SIGKILL at random points of its work and starts it
 * again, until stopped. A point is drawn in work, not wall time: each life
 * of the app commits a random amount (a delivery, an effect, a result) and
 * dies a random few ms later. On a loaded machine a restart takes seconds,
 * so kills drawn in wall time either leave the app no time to do anything
 * (the life never settles) or land only in its idle spells. After each
 * restart the dead process's leases are let run out (see `skipWaits`).
 */
export function startCrashMonkey(
  app: SpawnedApp,
  sql: Sql,
  rng: Rng,
  { maxWork = 8, maxJitterMs = 400, idleMs = 20_000 }: CrashMonkeyOptions = {},
) {
  let stopped = false;
  let kills = 0;
  const untilWorked = async (units: number) => {
    const target = (await workDone(sql)) + units;
    let last = Date.now();
    for (let seen = 0; !stopped && seen < target; await sleep(50)) {
      const now = await workDone(sql);
      if (now > seen) last = Date.now();
      seen = now;
      if (Date.now() - last > idleMs) return;
    }
  };
  const loop = (async () => {
    while (!stopped) {
      await untilWorked(1 + rng.int(maxWork));
      await sleep(rng.int(maxJitterMs));
      if (stopped) break;
      await app.kill();
      kills++;
      if (process.env.LIFE_DEBUG) console.log(`kill ${kills} after ${await workDone(sql)} units`);
      await app.start();
      await skipWaits(sql);
    }
  })();
  return {
    kills: () => kills,
    async stop(): Promise<number> {
      stopped = true;
      await loop;
      return kills;
    },
  };
}
