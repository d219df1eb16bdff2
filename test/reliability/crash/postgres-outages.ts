import type { CrashWorldHooks } from "./crash-world.js";
import type { RestartablePostgres } from "./restartable-postgres.js";

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** What the app answered while its database was down, and what it said of itself. */
export interface OutageFigures {
  restarts: number;
  /** Every answer given while Postgres was down, by status (0: the app did not answer). */
  answersWhileDown: Record<string, number>;
  /** `/readyz` while down, and once back. */
  readinessWhileDown: number[];
  readinessAfter: number[];
}

export interface OutagePlan {
  /** Which of the life's batches (0-based, in the order sent) lose their database halfway. */
  batches: number[];
  /** How long Postgres stays down; results the runner sends meanwhile are retried through it. */
  downMs: number;
}

async function readiness(appUrl: string): Promise<number> {
  return fetch(`${appUrl}/readyz`).then(
    (response) => response.status,
    () => 0,
  );
}

/**
 * Crashes Postgres (`pg_ctl stop -m immediate`) halfway through chosen
 * batches of a life — deliveries committing, effects being performed — and
 * starts it again `downMs` later, recording every answer the app gave
 * meanwhile. The life settles only once the database is back and the app
 * says it is ready again.
 */
export function planPostgresOutages(
  pg: RestartablePostgres,
  appUrl: string,
  plan: OutagePlan,
): { hooks: CrashWorldHooks; figures: OutageFigures } {
  const figures: OutageFigures = {
    restarts: 0,
    answersWhileDown: {},
    readinessWhileDown: [],
    readinessAfter: [],
  };
  let batch = -1;
  let down = false;
  let outage: Promise<void> | undefined;
  const restartLater = async () => {
    await sleep(plan.downMs);
    down = false; // from here on an answer may come from a database starting up
    await pg.start();
    figures.restarts++;
  };
  const hooks: CrashWorldHooks = {
    async beforeEach(index, count) {
      if (index === 0) batch++;
      if (!plan.batches.includes(batch) || index !== Math.floor(count / 2)) return;
      await pg.crash();
      down = true;
      figures.readinessWhileDown.push(await readiness(appUrl));
      outage = restartLater();
    },
    onAnswer(_delivery, status) {
      if (!down) return;
      figures.answersWhileDown[status] = (figures.answersWhileDown[status] ?? 0) + 1;
    },
    async beforeSettle() {
      if (!outage) return;
      await outage;
      outage = undefined;
      for (let i = 0; i < 300 && (await readiness(appUrl)) !== 200; i++) await sleep(100);
      figures.readinessAfter.push(await readiness(appUrl));
    },
  };
  return { hooks, figures };
}
