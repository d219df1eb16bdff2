import { beforeEach, describe, expect, it } from "vitest";
import type { TestDatabase } from "../../../test/helpers/database.js";
import type { GitHubNock } from "../../../test/helpers/github-nock.js";
import { usePerformerTestBed } from "../../../test/helpers/performer-test-bed.js";
import type { CreateCheckRunEffect } from "../../core/pipeline/effects.js";
import { findStageRun } from "../../store/check-runs.js";
import { performCreateCheckRun } from "./create-check-run.js";
import {
  BASE,
  contextFor,
  HEAD,
  REPO_PATH,
  resetTables,
  SLUG,
  seedStageRun,
  seedWorkItem,
} from "./performer-fixtures.js";

const bed = usePerformerTestBed();
let db: TestDatabase;
let github: GitHubNock;
beforeEach(() => {
  ({ db, github } = bed);
});

const effect = (headSha: string | null = HEAD): CreateCheckRunEffect => ({
  type: "create_check_run",
  runId: 1,
  stage: "implement",
  headSha,
});
const listPath = (sha: string) => `${REPO_PATH}/commits/${sha}/check-runs`;
const listQuery = { check_name: "QuantaPilot / implement", filter: "all", per_page: "100" };
const created = (sha: string) => ({
  method: "POST",
  path: `${REPO_PATH}/check-runs`,
  body: {
    name: "QuantaPilot / implement",
    head_sha: sha,
    external_id: "qp:1:1",
    status: "queued",
    output: {
      title: "Queued",
      summary: "The implement stage is queued: a GitHub Actions job will pick it up shortly.",
    },
  },
});

async function seeded(runPatch = {}, itemPatch = {}) {
  const id = await seedWorkItem(db.sql, { state: "running", ...itemPatch });
  await seedStageRun(db.sql, id, { startedAt: null, status: "queued", ...runPatch });
  return contextFor(db.sql, id);
}

describe("performCreateCheckRun", () => {
  it("creates one queued check run, records it, and does nothing when performed again", async () => {
    const context = await seeded();
    github.get(listPath(HEAD)).query(listQuery).reply(200, { total_count: 0, check_runs: [] });
    github.post(`${REPO_PATH}/check-runs`).reply(201, { id: 5001 });
    await performCreateCheckRun(context, effect());
    await performCreateCheckRun(context, effect());
    expect(github.requests().map((r) => r.method)).toEqual(["GET", "POST"]);
    expect(github.requests()[1]).toEqual(created(HEAD));
    expect((await findStageRun(db.sql, context.ref.workItemId, 1))?.checkRunId).toBe(5001);
    github.expectDone();
  });

  it("creates without searching on the effect's first attempt, when nothing can exist yet", async () => {
    const context = { ...(await seeded()), retried: false };
    github.post(`${REPO_PATH}/check-runs`).reply(201, { id: 5001 });
    await performCreateCheckRun(context, effect());
    expect(github.requests()).toEqual([created(HEAD)]);
    expect((await findStageRun(db.sql, context.ref.workItemId, 1))?.checkRunId).toBe(5001);
    github.expectDone();
  });

  it("on a retry, finds the check run the first attempt created before it crashed", async () => {
    const context = await seeded();
    github.post(`${REPO_PATH}/check-runs`).reply(201, { id: 5001 });
    await performCreateCheckRun({ ...context, retried: false }, effect());
    // The crash: the id never reached the database.
    await db.sql`UPDATE stage_runs SET check_run_id = NULL`;
    github
      .get(listPath(HEAD))
      .query(listQuery)
      .reply(200, {
        total_count: 1,
        check_runs: [{ id: 5001, external_id: "qp:1:1", app: { slug: SLUG } }],
      });
    await performCreateCheckRun({ ...context, retried: true }, effect());
    expect(github.requests().map((r) => r.method)).toEqual(["POST", "GET"]);
    expect((await findStageRun(db.sql, context.ref.workItemId, 1))?.checkRunId).toBe(5001);
    github.expectDone();
  });

  it("finds the check run an attempt that crashed before recording it had created", async () => {
    const context = await seeded();
    github
      .get(listPath(HEAD))
      .query(listQuery)
      .reply(200, {
        total_count: 2,
        check_runs: [
          { id: 9, external_id: "qp:1:1", app: { slug: "someone-else" } },
          { id: 5001, external_id: "qp:1:1", app: { slug: SLUG } },
        ],
      });
    await performCreateCheckRun(context, effect());
    expect(github.requests()).toHaveLength(1);
    expect((await findStageRun(db.sql, context.ref.workItemId, 1))?.checkRunId).toBe(5001);
    github.expectDone();
  });

  it("uses the pinned base, then the default branch head, when the effect names no SHA", async () => {
    const pinned = await seeded({ baseSha: BASE }, { headSha: null });
    github.get(listPath(BASE)).query(listQuery).reply(200, { total_count: 0, check_runs: [] });
    github.post(`${REPO_PATH}/check-runs`).reply(201, { id: 1 });
    await performCreateCheckRun(pinned, effect(null));
    expect(github.requests()[1]).toEqual(created(BASE));

    await resetTables(db.sql);
    const fresh = await seeded({}, { headSha: null });
    github.get(`${REPO_PATH}/git/ref/heads%2Fmain`).reply(200, { object: { sha: HEAD } });
    github.get(listPath(HEAD)).query(listQuery).reply(200, { total_count: 0, check_runs: [] });
    github.post(`${REPO_PATH}/check-runs`).reply(201, { id: 2 });
    await performCreateCheckRun(fresh, effect(null));
    expect(
      github
        .requests()
        .slice(2)
        .map((r) => r.path),
    ).toEqual([
      `${REPO_PATH}/git/ref/heads%2Fmain`,
      `${listPath(HEAD)}?check_name=QuantaPilot%20%2F%20implement&filter=all&per_page=100`,
      `${REPO_PATH}/check-runs`,
    ]);
    github.expectDone();
  });

  it("lets a GitHub server error through for the outbox to retry, recording nothing", async () => {
    const context = await seeded();
    github.get(listPath(HEAD)).query(listQuery).reply(200, { total_count: 0, check_runs: [] });
    github.post(`${REPO_PATH}/check-runs`).reply(502, { message: "Bad Gateway" });
    await expect(performCreateCheckRun(context, effect())).rejects.toMatchObject({ status: 502 });
    expect((await findStageRun(db.sql, context.ref.workItemId, 1))?.checkRunId).toBeNull();
    github.expectDone();
  });

  it("says which stage run is missing instead of writing anything", async () => {
    const context = await contextFor(db.sql, await seedWorkItem(db.sql));
    await expect(performCreateCheckRun(context, effect())).rejects.toThrow(
      /Stage run 1 of work item 1 does not exist/,
    );
    expect(github.requests()).toEqual([]);
  });
});
