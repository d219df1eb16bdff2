import { createTestDatabase } from "../../helpers/database.js";
import { startLocalOidcIssuer } from "../../helpers/local-oidc-issuer.js";
import type { LedgerEntry } from "../fake-github/effect-ledger.js";
import { startFakeGitHub } from "../fake-github/fake-github.js";
import { createFaultInjector } from "../fake-github/github-faults.js";
import type { ThrottleViolation } from "../fake-github/throttle-watch.js";
import { type Chaos, driveLife, inProcessWorld, type LifeFigures } from "./drive-life.js";
import { countDuplicated, effectTotals, progressTotals } from "./effect-figures.js";
import { diagnoseLife, type LifeDiagnosis } from "./life-diagnosis.js";
import { type PlannedIssue, seedLife } from "./life-plan.js";
import { projectState } from "./project-state.js";
import { createRng } from "./rng.js";
import { AUDIENCE, startAppOnFake } from "./start-app-on-fake.js";

export interface LivedLife {
  figures: LifeFigures;
  state: Awaited<ReturnType<typeof projectState>>;
  /** Effects GitHub performed more than once, and how many performances were repeats. */
  duplicated: { kind: string; key: string; count: number }[];
  repeats: number;
  /** Distinct effects by kind, progress signals (`isProgressSignal`) left out. */
  effects: Record<string, number>;
  progress: Record<string, number>;
  problems: string[];
  /** Faults injected at the GitHub edge, by kind. */
  faults: Record<string, number>;
  /** Calls made again after a `retry-after`, and those made again too soon. */
  throttle: { retried: number; violations: ThrottleViolation[] };
  /** Every effect GitHub performed, by natural key: which ones a lost count stands for. */
  ledger: LedgerEntry[];
  diagnosis: LifeDiagnosis;
}

export interface LifeOptions {
  chaos?: Chaos;
  /** GitHub fails this share of requests; `lostRate` of failed writes fail after taking effect. */
  faults?: { seed: number; rate: number; lostRate: number };
}

/**
 * Lives `planned` from scratch — a database of its own, a fresh fake GitHub,
 * the real server — in order or with `chaos`, with GitHub failing or not,
 * and returns what it ended in.
 */
export async function liveLife(
  planned: PlannedIssue[],
  { chaos, faults }: LifeOptions = {},
): Promise<LivedLife> {
  const db = await createTestDatabase();
  const github = await startFakeGitHub({
    permissionOf: (login) => (login.startsWith("visitor") ? "read" : "write"),
  });
  const issuer = await startLocalOidcIssuer({ audience: AUDIENCE });
  const app = await startAppOnFake(db.url, github, issuer);
  try {
    await seedLife(db.sql, github, planned);
    const injector =
      faults && createFaultInjector(createRng(faults.seed), faults.rate, faults.lostRate);
    if (injector) github.injectFaults(injector.inject);
    const worker = app.server.worker;
    if (!worker) throw new Error("the server has no outbox worker");
    const world = inProcessWorld({ github, issuer, sql: db.sql }, app.url, worker);
    const figures = await driveLife(world, planned, chaos);
    github.injectFaults(() => undefined);
    return {
      figures,
      state: await projectState(db.sql, github),
      duplicated: github.ledger.duplicated(),
      repeats: countDuplicated(github.ledger.entries()),
      effects: effectTotals(github.ledger.entries()),
      progress: progressTotals(github.ledger.entries()),
      problems: [...github.problems],
      faults: { ...injector?.injected },
      throttle: { retried: github.throttle.retried(), violations: github.throttle.violations() },
      ledger: github.ledger.entries().map(({ kind, key }) => ({ kind, key })),
      diagnosis: await diagnoseLife(db.sql),
    };
  } finally {
    await app.stop();
    await issuer.close();
    await github.close();
    await db.drop();
  }
}
