import nock from "nock";
import { afterAll, afterEach, beforeAll, beforeEach } from "vitest";
import { resetTables } from "../../app/effects/check-runs/performer-fixtures.js";
import { createTestDatabase, type TestDatabase } from "./database.js";
import { createGitHubNock, type GitHubNock } from "./github-nock.js";

export interface PerformerTestBed {
  db: TestDatabase;
  github: GitHubNock;
}

/**
 * What every performer test file needs: a database of its own, emptied before
 * each test, and a fresh GitHub nock scope (no real network). Call at the top
 * level of the file; read `db` and `github` inside tests.
 */
export function usePerformerTestBed(): PerformerTestBed {
  const bed = {} as PerformerTestBed;
  beforeAll(async () => {
    nock.disableNetConnect();
    bed.db = await createTestDatabase();
  });
  afterAll(async () => bed.db.drop());
  beforeEach(async () => {
    await resetTables(bed.db.sql);
    bed.github = createGitHubNock();
  });
  afterEach(() => nock.cleanAll());
  return bed;
}
