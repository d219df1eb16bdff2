import { beforeEach, describe, expect, it } from "vitest";
import type { TestDatabase } from "../../test/helpers/database.js";
import type { GitHubNock } from "../../test/helpers/github-nock.js";
import { usePerformerTestBed } from "../../test/helpers/performer-test-bed.js";
import { performCancelWorkflowRun } from "./cancel-workflow-run.js";
import {
  contextFor,
  REPO_PATH,
  seedStageRun,
  seedWorkItem,
} from "./check-runs/performer-fixtures.js";

const bed = usePerformerTestBed();
let db: TestDatabase;
let github: GitHubNock;
beforeEach(() => {
  ({ db, github } = bed);
});

const CANCEL = `${REPO_PATH}/actions/runs/777/cancel`;
const effect = { type: "cancel_workflow_run", runId: 1 } as const;

async function runWith(workflowRunId: number | null) {
  const id = await seedWorkItem(db.sql, { state: "cancelled" });
  await seedStageRun(db.sql, id, {
    workflowRunId,
    status: "cancelled",
    completedAt: "2026-03-01T12:01:00Z",
  });
  return contextFor(db.sql, id);
}

describe("performCancelWorkflowRun", () => {
  it("cancels the stage run's workflow run; a repeat finds it already finished (409)", async () => {
    const context = await runWith(777);
    github.post(CANCEL).reply(202, {});
    github.post(CANCEL).reply(409, { message: "Cannot cancel a workflow run that is completed." });
    await performCancelWorkflowRun(context, effect);
    await performCancelWorkflowRun(context, effect);
    expect(github.requests()).toEqual([
      { method: "POST", path: CANCEL, body: undefined },
      { method: "POST", path: CANCEL, body: undefined },
    ]);
    github.expectDone();
  });

  it("has nothing to do before the workflow run is known", async () => {
    await performCancelWorkflowRun(await runWith(null), effect);
    expect(github.requests()).toEqual([]);
  });

  it("accepts a workflow run that is gone, and lets a server error through", async () => {
    const context = await runWith(777);
    github.post(CANCEL).reply(404, { message: "Not Found" });
    await performCancelWorkflowRun(context, effect);
    github.post(CANCEL).reply(500, { message: "boom" });
    await expect(performCancelWorkflowRun(context, effect)).rejects.toMatchObject({ status: 500 });
    github.expectDone();
  });
});
