import postgres from "postgres";
import { expect, it } from "vitest";
import { migrate } from "../../app/store/migrate.js";
import { readMigrationFiles } from "../../app/store/migration-files.js";
import { startLocalOidcIssuer } from "../helpers/local-oidc-issuer.js";
import { withDatabase } from "../helpers/with-database.js";
import { compareEffects } from "./crash/compare-effects.js";
import { removeCompiledApp } from "./crash/compile-app.js";
import { crashWorld } from "./crash/crash-world.js";
import { planPostgresOutages } from "./crash/postgres-outages.js";
import { startRestartablePostgres } from "./crash/restartable-postgres.js";
import { spawnedApp } from "./crash/spawned-app.js";
import { startFakeGitHub } from "./fake-github/fake-github.js";
import { driveLife } from "./life/drive-life.js";
import { planLife, seedLife } from "./life/life-plan.js";
import { liveLife } from "./life/live-life.js";
import { projectState } from "./life/project-state.js";
import { AUDIENCE } from "./life/start-app-on-fake.js";
import { recordFigures } from "./record-figures.js";

/** Statuses the app answered while its database was down, as `{ "500": 12 }`, summed where `keep`. */
const count = (answers: Record<string, number>, keep: (status: number) => boolean) =>
  Object.entries(answers)
    .filter(([status]) => keep(Number(status)))
    .reduce((sum, [, n]) => sum + n, 0);

it("Postgres crashed under load and restarted twice: the app answers 5xx meanwhile, the reconciler has GitHub redeliver, and the life ends as the calm one", async () => {
  const planned = planLife(2, 2);
  const calm = await liveLife(planned);
  const pg = await startRestartablePostgres();
  const admin = postgres(pg.url, { max: 1, onnotice: () => {} });
  await admin.unsafe("CREATE DATABASE quantapilot");
  await admin.end();
  const url = withDatabase(pg.url, "quantapilot");
  const sql = postgres(url, { max: 3, onnotice: () => {} });
  await migrate(sql, await readMigrationFiles("db/migrations"));
  const github = await startFakeGitHub({
    permissionOf: (login) => (login.startsWith("visitor") ? "read" : "write"),
  });
  const issuer = await startLocalOidcIssuer({ audience: AUDIENCE });
  const app = await spawnedApp(url, github, { issuer: issuer.issuer, audience: AUDIENCE });
  try {
    await seedLife(sql, github, planned);
    await app.start();
    // Batch 0: labels and chatter; batch 2: jobs starting and their results, PRs opening.
    const outages = planPostgresOutages(pg, app.url, { batches: [0, 2], downMs: 3000 });
    const world = crashWorld({ github, issuer, sql }, app.url, outages.hooks);
    const figures = await driveLife(world, planned);
    const state = await projectState(sql, github);
    const { answersWhileDown, readinessWhileDown, readinessAfter, restarts } = outages.figures;
    const refused = count(answersWhileDown, (status) => status >= 500 && status < 600);
    expect(restarts).toBe(2);
    expect(refused).toBeGreaterThan(0);
    // While its database is down the app still answers, and never with a success.
    expect(count(answersWhileDown, () => true)).toBe(refused);
    expect(readinessWhileDown).toEqual([503, 503]);
    expect(readinessAfter).toEqual([200, 200]);
    expect(world.redelivered()).toBeGreaterThan(0);
    const effects = compareEffects(github.ledger, calm.effects);
    expect(github.problems).toEqual([]);
    expect(github.ledger.duplicated()).toEqual([]);
    expect(state).toEqual(calm.state);
    expect(effects.totals).toEqual(calm.effects);
    expect({ lost: effects.lost, duplicated: effects.duplicated }).toEqual({
      lost: 0,
      duplicated: 0,
    });
    await recordFigures("postgresRestart", {
      deliveries: figures.sent,
      restarts,
      refused5xx: refused,
      redeliveryRequests: effects.redeliveryRequests,
      redelivered: world.redelivered(),
      effects: effects.effects,
      lost: effects.lost,
      duplicated: effects.duplicated,
    });
  } finally {
    await app.kill();
    await removeCompiledApp();
    await issuer.close();
    await github.close();
    await sql.end({ timeout: 1 });
    await pg.destroy();
  }
}, 900_000);
