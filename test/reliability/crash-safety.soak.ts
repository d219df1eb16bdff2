import { expect, it } from "vitest";
import { createTestDatabase } from "../helpers/database.js";
import { startLocalOidcIssuer } from "../helpers/local-oidc-issuer.js";
import { compareEffects } from "./crash/compare-effects.js";
import { removeCompiledApp } from "./crash/compile-app.js";
import { startCrashMonkey } from "./crash/crash-monkey.js";
import { crashWorld } from "./crash/crash-world.js";
import { spawnedApp } from "./crash/spawned-app.js";
import { startFakeGitHub } from "./fake-github/fake-github.js";
import { driveLife } from "./life/drive-life.js";
import { planLife, seedLife } from "./life/life-plan.js";
import { liveLife } from "./life/live-life.js";
import { projectState } from "./life/project-state.js";
import { createRng } from "./life/rng.js";
import { AUDIENCE } from "./life/start-app-on-fake.js";
import { recordFigures } from "./record-figures.js";

it("SIGKILLed at random points of a life and restarted ≥ 20 times, the app loses nothing and does nothing twice", async () => {
  const planned = planLife(2, 2);
  const calm = await liveLife(planned);
  const db = await createTestDatabase();
  const github = await startFakeGitHub({
    permissionOf: (login) => (login.startsWith("visitor") ? "read" : "write"),
  });
  const issuer = await startLocalOidcIssuer({ audience: AUDIENCE });
  const app = await spawnedApp(db.url, github, { issuer: issuer.issuer, audience: AUDIENCE });
  try {
    await seedLife(db.sql, github, planned);
    await app.start();
    const monkey = startCrashMonkey(app, db.sql, createRng(23));
    const world = crashWorld({ github, issuer, sql: db.sql }, app.url);
    const figures = await driveLife(world, planned);
    const kills = await monkey.stop();
    await world.settle();
    const state = await projectState(db.sql, github);
    const effects = compareEffects(github.ledger, calm.effects);
    expect(github.problems).toEqual([]);
    expect(github.ledger.duplicated()).toEqual([]);
    expect(state).toEqual(calm.state);
    expect(effects.totals).toEqual(calm.effects);
    expect({ lost: effects.lost, duplicated: effects.duplicated }).toEqual({
      lost: 0,
      duplicated: 0,
    });
    expect(kills).toBeGreaterThanOrEqual(20);
    await recordFigures("crashes", {
      deliveries: figures.sent,
      crashes: kills,
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
    await db.drop();
  }
}, 1_800_000);
