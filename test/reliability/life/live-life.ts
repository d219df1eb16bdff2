import { createTestDatabase } from "../../helpers/database.js";
import { startLocalOidcIssuer } from "../../helpers/local-oidc-issuer.js";
import { startFakeGitHub } from "../fake-github/fake-github.js";
import { type Chaos, driveLife, type LifeFigures } from "./drive-life.js";
import { type PlannedIssue, seedLife } from "./life-plan.js";
import { projectState } from "./project-state.js";
import { AUDIENCE, startAppOnFake } from "./start-app-on-fake.js";

export interface LivedLife {
  figures: LifeFigures;
  state: Awaited<ReturnType<typeof projectState>>;
  duplicated: { kind: string; key: string; count: number }[];
  effects: Record<string, number>;
  problems: string[];
}

/**
 * Lives `planned` from scratch — a database of its own, a fresh fake GitHub,
 * the real server — in order or with `chaos`, and returns what it ended in.
 */
export async function liveLife(planned: PlannedIssue[], chaos?: Chaos): Promise<LivedLife> {
  const db = await createTestDatabase();
  const github = await startFakeGitHub({
    permissionOf: (login) => (login.startsWith("visitor") ? "read" : "write"),
  });
  const issuer = await startLocalOidcIssuer({ audience: AUDIENCE });
  const app = await startAppOnFake(db.url, github, issuer);
  try {
    await seedLife(db.sql, github, planned);
    const worker = app.server.worker;
    if (!worker) throw new Error("the server has no outbox worker");
    const world = { github, issuer, appUrl: app.url, sql: db.sql, worker };
    const figures = await driveLife(world, planned, chaos);
    return {
      figures,
      state: await projectState(db.sql, github),
      duplicated: github.ledger.duplicated(),
      effects: github.ledger.totals(),
      problems: [...github.problems],
    };
  } finally {
    await app.stop();
    await issuer.close();
    await github.close();
    await db.drop();
  }
}
