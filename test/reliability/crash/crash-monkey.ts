import type { Sql } from "postgres";
import { skipWaits } from "../life/drive-life.js";
import type { Rng } from "../life/rng.js";
import type { SpawnedApp } from "./spawned-app.js";

/**
 * Kills the app with SIGKILL at random moments — mid-delivery, mid-effect,
 * mid-transaction — and starts it again, until stopped. After each restart
 * the dead process's leases are let run out (time passes, see `skipWaits`).
 */
export function startCrashMonkey(
  app: SpawnedApp,
  sql: Sql,
  rng: Rng,
  { minMs = 300, maxMs = 2500 } = {},
) {
  let stopped = false;
  let kills = 0;
  const loop = (async () => {
    while (!stopped) {
      await new Promise((resolve) => setTimeout(resolve, minMs + rng.int(maxMs - minMs)));
      if (stopped) break;
      await app.kill();
      kills++;
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
