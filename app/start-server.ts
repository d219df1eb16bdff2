import type { Logger } from "pino";
import { Probot, ProbotOctokit } from "probot";
import type { RepositoryPermission } from "./auth/get-permission.js";
import { createPermissionCache } from "./auth/permission-cache.js";
import { createDashboardPerformers } from "./effects/dashboard/perform-update-dashboard.js";
import { createOnboardingPerformers } from "./effects/onboarding/onboarding-performers.js";
import { createOutboxWorker, type OutboxWorker } from "./effects/outbox-worker.js";
import { createPerformers } from "./effects/performers.js";
import { createPipelinePerformers } from "./effects/pipeline-performers.js";
import { createAcknowledgementPerformers } from "./effects/reactions/acknowledge-merge.js";
import { createDeadLetterReporter } from "./effects/report-dead-letter.js";
import { createInstallationOctokits } from "./github/installation-octokits.js";
import { leave429ToCaller } from "./github/leave-429-to-caller.js";
import { withoutBlindRetries } from "./github/without-blind-retries.js";
import { createHandlers, handlesEvent } from "./handlers/registry.js";
import { createHttpServer } from "./http/create-http-server.js";
import type { Route } from "./http/route.js";
import { createEventDispatcher } from "./ingest/dispatch-event.js";
import { createDeliveryReceiver } from "./ingest/receive-delivery.js";
import { createMetrics, type Metrics } from "./metrics.js";
import { createOidcVerifier } from "./oidc/verify-oidc-token.js";
import { createReconciler } from "./reconciler/reconciler.js";
import { healthRoute } from "./routes/health.js";
import { metricsRoute } from "./routes/metrics.js";
import { setupRoutes } from "./routes/setup.js";
import { stageResultRoute } from "./routes/stage-result.js";
import { webhookRoute } from "./routes/webhooks.js";
import type { Settings } from "./settings.js";
import { migrate } from "./store/migrate.js";
import { readMigrationFiles } from "./store/migration-files.js";
import { type Database, openDatabase } from "./store/open-database.js";

export interface RunningServer {
  port: number;
  database: Database;
  metrics: Metrics;
  /** Undefined in setup mode, when there is no App to act as. */
  worker: OutboxWorker | undefined;
  /** Graceful: stop accepting, finish in-flight deliveries, close the pool. */
  stop(): Promise<void>;
}

export interface ServerDeps {
  settings: Settings;
  log: Logger;
  migrationsDir: string;
  /** Whether the outbox worker polls by itself (default); tests drive it with `runOnce()`. */
  autostartWorker?: boolean;
  /** Passed to Probot's Octokit; tests point it at a local GitHub. */
  Octokit?: typeof ProbotOctokit;
}

/** config → sql → migrate → Probot → routes → listen. */
export async function startServer({
  settings,
  log,
  migrationsDir,
  Octokit,
  autostartWorker = true,
}: ServerDeps): Promise<RunningServer> {
  const metrics = createMetrics();
  const database = await openDatabase({
    url: settings.databaseUrl,
    dataDir: settings.dataDir,
    poolSize: settings.databasePoolSize,
    log,
  });
  const files = await readMigrationFiles(migrationsDir);
  const { applied, current } = await migrate(database.sql, files);
  log.info(
    { applied, current },
    applied.length ? "Database migrated" : "Database schema is current",
  );

  let worker: OutboxWorker | undefined;
  let reconciler: ReturnType<typeof createReconciler> | undefined;
  const routes: Route[] = [
    healthRoute({
      sql: database.sql,
      expectedVersion: current,
      configured: settings.github !== undefined,
    }),
    metricsRoute(metrics.registry),
  ];
  if (settings.github) {
    const probot = new Probot({
      appId: settings.github.appId,
      privateKey: settings.github.privateKey,
      secret: settings.github.webhookSecret,
      baseUrl: settings.githubApiUrl,
      log: log.child({ name: "probot" }),
      // Probot's Octokit (retry + throttling) unless a test passes its own; never a blind POST
      // retry, nor a 429 retried sooner than its retry-after.
      Octokit: (Octokit ?? ProbotOctokit).plugin(withoutBlindRetries).defaults(leave429ToCaller),
    });
    // Permissions change: an answer is trusted for a minute, for at most 5,000 (repo, user) pairs.
    const permissions = createPermissionCache<RepositoryPermission>({
      ttlMs: 60_000,
      maxEntries: 5_000,
      now: Date.now,
    });
    const teams = createPermissionCache<boolean>({
      ttlMs: 60_000,
      maxEntries: 5_000,
      now: Date.now,
    });
    const handlers = createHandlers({ permissions, teams, appSlug: settings.appSlug });
    const app = {
      slug: settings.appSlug,
      publicUrl: settings.publicUrl,
      audience: settings.oidc.audience,
    };
    const performers = {
      ...createPerformers(probot),
      ...createAcknowledgementPerformers(probot, database.sql),
      ...createPipelinePerformers(probot, database.sql, app),
      ...createDashboardPerformers(probot, database.sql, settings.appSlug),
      ...createOnboardingPerformers(probot, database.sql),
    };
    const onDeadLetter = createDeadLetterReporter({ probot, sql: database.sql, log });
    worker = createOutboxWorker({ sql: database.sql, performers, log, metrics, onDeadLetter });
    reconciler = createReconciler({ sql: database.sql, probot, log });
    if (autostartWorker) {
      worker.start();
      reconciler.start();
    }
    const receive = createDeliveryReceiver({
      sql: database.sql,
      probot,
      dispatch: createEventDispatcher(
        handlers,
        createInstallationOctokits((id) => probot.auth(id)),
      ),
      handles: (event, action) => handlesEvent(handlers, event, action),
      onEffectsQueued: () => worker?.poke(),
      metrics,
      log,
    });
    routes.push(webhookRoute(settings.webhookPath, receive));
    routes.push(
      stageResultRoute({
        sql: database.sql,
        log,
        verifier: createOidcVerifier(settings.oidc),
        appSlug: settings.appSlug,
        octokitFor: (installationId) => probot.auth(installationId),
      }),
    );
  } else {
    routes.push(webhookRoute(settings.webhookPath, undefined));
    routes.push(
      ...(await setupRoutes({ host: settings.host ?? "localhost", port: settings.port, log })),
    );
  }

  const http = createHttpServer(routes, log);
  const address = await http.listen(settings.port, settings.host);
  log.info(
    { port: address.port, host: address.host },
    `Listening on http://${settings.host ?? "localhost"}:${address.port}`,
  );
  return {
    port: address.port,
    database,
    metrics,
    worker,
    async stop() {
      await http.close(settings.shutdownTimeoutMs);
      reconciler?.stop();
      await worker?.stop();
      await database.close();
    },
  };
}
