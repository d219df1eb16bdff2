import { beforeEach, describe, expect, it } from "vitest";
import type { TestDatabase } from "../../../test/helpers/database.js";
import type { GitHubNock } from "../../../test/helpers/github-nock.js";
import { usePerformerTestBed } from "../../../test/helpers/performer-test-bed.js";
import { contextFor, HEAD, REPO_PATH, seedStageRun, seedWorkItem } from "./performer-fixtures.js";
import { performStartCheckRun } from "./start-check-run.js";

const bed = usePerformerTestBed();
let db: TestDatabase;
let github: GitHubNock;
beforeEach(() => {
  ({ db, github } = bed);
});

const start = { type: "start_check_run", runId: 1 } as const;

describe("performStartCheckRun", () => {
  it("puts the check run in progress with its start time and the job log as details", async () => {
    const id = await seedWorkItem(db.sql);
    await seedStageRun(db.sql, id, { checkRunId: 5001, workflowRunId: 777 });
    github.patch(`${REPO_PATH}/check-runs/5001`).twice().reply(200, {});
    const context = await contextFor(db.sql, id);
    await performStartCheckRun(context, start);
    await performStartCheckRun(context, start);
    const log = "https://github.com/acme/app/actions/runs/777";
    const patch = {
      method: "PATCH",
      path: `${REPO_PATH}/check-runs/5001`,
      body: {
        status: "in_progress",
        started_at: "2026-03-01T12:00:00.000Z",
        details_url: log,
        output: {
          title: "Running",
          summary: `The implement stage is running. Follow it in the [job log](${log}).`,
        },
      },
    };
    // The same update twice changes nothing on GitHub; no second check run is made.
    expect(github.requests()).toEqual([patch, patch]);
    github.expectDone();
  });

  it("creates the check run first when its create effect has not been performed yet", async () => {
    const id = await seedWorkItem(db.sql);
    await seedStageRun(db.sql, id);
    github
      .get(`${REPO_PATH}/commits/${HEAD}/check-runs`)
      .query(true)
      .reply(200, { total_count: 0, check_runs: [] });
    github.post(`${REPO_PATH}/check-runs`).reply(201, { id: 5002 });
    github.patch(`${REPO_PATH}/check-runs/5002`).reply(200, {});
    await performStartCheckRun(await contextFor(db.sql, id), start);
    expect(github.requests().map((r) => r.method)).toEqual(["GET", "POST", "PATCH"]);
    expect(github.requests()[2]?.body).not.toHaveProperty("details_url");
    github.expectDone();
  });

  it("never reopens the check run of a run that already ended", async () => {
    const id = await seedWorkItem(db.sql, { state: "awaiting_approval" });
    await seedStageRun(db.sql, id, { checkRunId: 5001, completedAt: "2026-03-01T12:05:00Z" });
    await performStartCheckRun(await contextFor(db.sql, id), start);
    expect(github.requests()).toEqual([]);
  });

  it("lets a GitHub server error through for the outbox to retry", async () => {
    const id = await seedWorkItem(db.sql);
    await seedStageRun(db.sql, id, { checkRunId: 5001 });
    github.patch(`${REPO_PATH}/check-runs/5001`).reply(500, { message: "boom" });
    await expect(performStartCheckRun(await contextFor(db.sql, id), start)).rejects.toMatchObject({
      status: 500,
    });
    github.expectDone();
  });
});
