import { randomUUID } from "node:crypto";
import nock from "nock";
import { expect } from "vitest";
import { createTestDatabase, type TestDatabase } from "../../helpers/database.js";
import { deliverWebhook } from "../../helpers/deliver-webhook.js";
import { type LocalOidcIssuer, startLocalOidcIssuer } from "../../helpers/local-oidc-issuer.js";
import type { TestServer } from "../../helpers/test-server.js";
import { createFakeGitHub, type FakeGitHub } from "./fake-github.js";
import { startLifeServer } from "./start-life-server.js";
import { LIFE_INSTALLATION, LIFE_REPOSITORY } from "./webhook-payloads.js";

export const AUDIENCE = "https://quantapilot.life.test";

/** A webhook GitHub delivered in the life, kept to be redelivered. */
export interface RecordedDelivery {
  event: string;
  id: string;
  payload: Record<string, unknown>;
}

/** Everything a life runs on: the real server, its Postgres, an OIDC issuer and a simulated GitHub. */
export interface Life {
  db: TestDatabase;
  app: TestServer;
  issuer: LocalOidcIssuer;
  github: FakeGitHub;
  deliveries: RecordedDelivery[];
  /** Every stage result the action POSTed, to send again. */
  results: { stageRunId: number; body: unknown }[];
  /** Delivers a webhook as GitHub does (signed), records it, and expects it processed. */
  deliver(event: string, payload: Record<string, unknown>): Promise<void>;
  /** Sends a recorded delivery again, with its id, and expects it recognised as a duplicate. */
  redeliver(delivery: RecordedDelivery): Promise<void>;
  /**
   * Runs the outbox worker until nothing is due, as the server's loop would;
   * then, unless `endBurst` is false, time passes beyond the dashboard's
   * burst (the life's next step comes later) and its waiting redraw is performed.
   */
  work(options?: { endBurst?: boolean }): Promise<number>;
  /** Stops the server and starts another on the same database (a restart after a crash). */
  restart(): Promise<void>;
  /** Another replica of the server on the same database, its worker driven by the test. */
  startReplica(): Promise<TestServer>;
  close(): Promise<void>;
}

/** How a life is played. */
export interface LifeOptions {
  /**
   * Interleaved redeliveries: after each delivery, GitHub sends it again and
   * one earlier delivery picked by `random` (as a person pressing "Redeliver").
   */
  echo?: { random: () => number };
}

// Each redelivery must be recognised as one: processed before, so nothing changes.
async function redeliver(url: string, delivery: RecordedDelivery): Promise<void> {
  const reply = await deliverWebhook(url, delivery);
  expect(reply, `redelivery of ${delivery.event} ${delivery.id}`).toMatchObject({
    status: 200,
    body: { outcome: "duplicate" },
  });
}

// The dashboard's redraw waiting for its burst to end is due now; false when none waited.
async function releaseRedraw(db: TestDatabase): Promise<boolean> {
  const released = await db.sql`
    UPDATE outbox SET run_after = now()
    WHERE status = 'pending' AND kind = 'update_dashboard' AND attempts = 0 AND run_after > now()`;
  return released.count > 0;
}

const README = [
  "# Hello-World",
  "",
  "Hello-World is a small command-line greeter for teams. Running `hello <name>` prints a",
  "friendly greeting for that person, and `hello --bye <name>` says goodbye instead. It",
  "reads an optional list of names from a file, greets each of them in turn, and exits with",
  "a non-zero status when a name is empty, so scripts can rely on it in their pipelines.",
  "",
].join("\n");

function serverEnv(issuer: LocalOidcIssuer): Record<string, string> {
  return {
    OIDC_ISSUER: issuer.issuer,
    OIDC_JWKS_URL: issuer.jwksUrl,
    OIDC_AUDIENCE: AUDIENCE,
    PUBLIC_URL: "https://quantapilot.life.test",
    LOG_LEVEL: "error",
  };
}

/**
 * Starts a life: a fresh database, the real server (its worker driven by the
 * test), an OIDC issuer minting tokens for the life's repository, and a
 * simulated GitHub holding a repository with a README.
 */
export async function startLife(options: LifeOptions = {}): Promise<Life> {
  nock.disableNetConnect();
  nock.enableNetConnect("127.0.0.1");
  const db = await createTestDatabase();
  const issuer = await startLocalOidcIssuer({
    repository: LIFE_REPOSITORY.full_name,
    repositoryId: LIFE_REPOSITORY.id,
    audience: AUDIENCE,
  });
  let app = await startLifeServer(db.url, serverEnv(issuer));
  const github = createFakeGitHub({
    owner: LIFE_REPOSITORY.owner.login,
    name: LIFE_REPOSITORY.name,
    id: LIFE_REPOSITORY.id,
    installationId: LIFE_INSTALLATION.id,
    readme: README,
  });
  const deliveries: RecordedDelivery[] = [];
  const life: Life = {
    db,
    get app() {
      return app;
    },
    issuer,
    github,
    deliveries,
    results: [],
    async deliver(event, payload) {
      const id = randomUUID();
      deliveries.push({ event, id, payload });
      const reply = await deliverWebhook(app.url, { event, id, payload });
      expect(reply, `${event}.${String(payload.action)}`).toMatchObject({ status: 200 });
      expect(reply.body.outcome).toBe("processed");
      if (!options.echo) return;
      const earlier = deliveries[Math.floor(options.echo.random() * deliveries.length)];
      await redeliver(app.url, { event, id, payload });
      if (earlier) await redeliver(app.url, earlier);
    },
    redeliver: (delivery) => redeliver(app.url, delivery),
    async work({ endBurst = true } = {}) {
      let total = 0;
      for (;;) {
        const t = Date.now();
        const taken = (await app.server.worker?.runOnce()) ?? 0;
        if (process.env.LIFE_TRACE)
          console.log(Date.now() % 100000, "runOnce", taken, Date.now() - t);
        if (taken === 0 && !(endBurst && (await releaseRedraw(db)))) return total;
        total += taken;
      }
    },
    async restart() {
      await app.stop();
      app = await startLifeServer(db.url, serverEnv(issuer));
    },
    startReplica: () => startLifeServer(db.url, serverEnv(issuer)),
    async close() {
      nock.cleanAll();
      await app.stop();
      await issuer.close();
      await db.drop();
      nock.enableNetConnect();
    },
  };
  return life;
}
