import nock from "nock";
import { createTestDatabase, type TestDatabase } from "./database.js";
import { createGitHubNock } from "./github-nock.js";
import { startTestServer, type TestServer } from "./test-server.js";

export interface ProjectSeed {
  installationId: number;
  account: string;
  accountType?: "User" | "Organization";
  repoId: number;
  owner: string;
  name: string;
  defaultBranch?: string;
}

export interface AppWithProject {
  db: TestDatabase;
  app: TestServer;
  close(): Promise<void>;
}

/**
 * The real server on a database of its own, with one active project: what
 * every end-to-end test of a handler starts from. GitHub is reachable only
 * through nock; the installation token is served once (Probot caches it).
 */
export async function startAppWithProject(seed: ProjectSeed): Promise<AppWithProject> {
  nock.disableNetConnect();
  nock.enableNetConnect("127.0.0.1");
  const db = await createTestDatabase();
  const app = await startTestServer(db.url);
  createGitHubNock()
    .post(`/app/installations/${seed.installationId}/access_tokens`)
    .reply(201, { token: "ghs_test", expires_at: "2099-01-01T00:00:00Z" });
  await db.sql`
    INSERT INTO installations (id, account_login, account_type)
    VALUES (${seed.installationId}, ${seed.account}, ${seed.accountType ?? "User"})`;
  await db.sql`
    INSERT INTO projects (installation_id, repo_id, owner, name, default_branch, status)
    VALUES (${seed.installationId}, ${seed.repoId}, ${seed.owner}, ${seed.name}, ${seed.defaultBranch ?? "main"}, 'active')`;
  return {
    db,
    app,
    async close() {
      nock.cleanAll();
      await app.stop();
      await db.drop();
    },
  };
}
