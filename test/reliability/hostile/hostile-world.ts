import nock from "nock";
import { aStageSpec } from "../../fixtures/stage-spec.js";
import { createTestDatabase, type TestDatabase } from "../../helpers/database.js";
import { createGitHubNock, type GitHubNock } from "../../helpers/github-nock.js";
import { type LocalOidcIssuer, startLocalOidcIssuer } from "../../helpers/local-oidc-issuer.js";
import { SEEDED_REPO, seedStageRun } from "../../helpers/seed-stage-run.js";
import { startTestServer, type TestServer } from "../../helpers/test-server.js";

export const AUDIENCE = "https://quantapilot.test";
export const WORKFLOW_RUN = 9000001;
export const BASE_SHA = "c040cae0f0dc81641728557b80f09cfa23b83fe5";
/** The check run the app created at dispatch, which the refusal completes. */
export const CHECK_RUN_ID = 777;
export const REPO_PATH = `/repos/${SEEDED_REPO.owner}/${SEEDED_REPO.name}`;

/** Small result limits, so an oversized change set costs the test kilobytes, not megabytes. */
export const PROJECT_CONFIG = {
  limits: { result: { max_files: 5, max_file_bytes: 1_000, max_total_bytes: 2_000 } },
};

/** The real server, its database and a local GitHub OIDC issuer: what every hostile input is sent to. */
export interface HostileWorld {
  db: TestDatabase;
  app: TestServer;
  issuer: LocalOidcIssuer;
  /** Requests to GitHub nobody mocked: each would have been a call the app should not make. */
  unmatched: string[];
  close(): Promise<void>;
}

export async function startHostileWorld(): Promise<HostileWorld> {
  nock.disableNetConnect();
  nock.enableNetConnect("127.0.0.1");
  const unmatched: string[] = [];
  // The app's own server and the issuer are on 127.0.0.1 and pass through; anything else is GitHub.
  nock.emitter.on(
    "no match",
    (req: { method?: string; path?: string; host?: string; hostname?: string }) => {
      const host = req.hostname ?? req.host ?? "";
      if (!/^(127\.0\.0\.1|localhost)(:\d+)?$/.test(host))
        unmatched.push(`${req.method} ${host}${req.path}`);
    },
  );
  const issuer = await startLocalOidcIssuer({ audience: AUDIENCE, runId: WORKFLOW_RUN });
  const db = await createTestDatabase();
  const app = await startTestServer(db.url, {
    OIDC_ISSUER: issuer.issuer,
    OIDC_AUDIENCE: AUDIENCE,
  });
  return {
    db,
    app,
    issuer,
    unmatched,
    async close() {
      nock.cleanAll();
      nock.emitter.removeAllListeners("no match");
      await app.stop();
      await db.drop();
      await issuer.close();
      nock.enableNetConnect();
    },
  };
}

export interface OpenRun {
  workItemId: number;
  stageRunId: number;
  github: GitHubNock;
}

/**
 * A clean slate: one project, one issue work item whose implement run was
 * dispatched and started (spec stored, workflow run known), the outbox empty.
 */
export async function openStageRun(world: HostileWorld): Promise<OpenRun> {
  const { sql } = world.db;
  await sql`TRUNCATE outbox, llm_usage, quality_reports, stage_runs, work_items, decisions, deliveries CASCADE`;
  const seeded = await seedStageRun(sql, {
    branch: "quantapilot/12-add-a-login-page",
    config: PROJECT_CONFIG,
  });
  const spec = aStageSpec({ stage_run_id: seeded.stageRunId, base_sha: BASE_SHA });
  await sql`UPDATE stage_runs SET status = 'in_progress', workflow_run_id = ${WORKFLOW_RUN},
      check_run_id = ${CHECK_RUN_ID}, spec = ${sql.json(spec)}, base_sha = ${BASE_SHA}, dispatched_at = now(), started_at = now()
    WHERE id = ${seeded.stageRunId}`;
  await sql`TRUNCATE outbox`;
  // A mock an earlier case left unused must not answer this one.
  nock.cleanAll();
  world.unmatched.length = 0;
  createGitHubNock()
    .post(`/app/installations/${SEEDED_REPO.installationId}/access_tokens`)
    .optionally()
    .reply(201, { token: "ghs_test", expires_at: "2099-01-01T00:00:00Z" });
  return {
    workItemId: seeded.workItemId,
    stageRunId: seeded.stageRunId,
    github: createGitHubNock(),
  };
}

/** What the app asked GitHub to change (reads, such as a permission look-up, are not writes). */
export function writesTo(github: GitHubNock): string[] {
  return github
    .requests()
    .filter((request) => request.method !== "GET")
    .map((request) => `${request.method} ${request.path}`);
}
