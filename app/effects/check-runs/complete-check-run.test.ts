import { beforeEach, describe, expect, it } from "vitest";
import { aQualityReport, aStageResult } from "../../../test/fixtures/stage-result.js";
import type { TestDatabase } from "../../../test/helpers/database.js";
import type { GitHubNock } from "../../../test/helpers/github-nock.js";
import { usePerformerTestBed } from "../../../test/helpers/performer-test-bed.js";
import type { CheckConclusion, CompleteCheckRunEffect } from "../../core/pipeline/effects.js";
import { performCompleteCheckRun } from "./complete-check-run.js";
import {
  contextFor,
  HEAD,
  type ItemSeed,
  REPO_PATH,
  type RunSeed,
  seedStageRun,
  seedWorkItem,
} from "./performer-fixtures.js";

const bed = usePerformerTestBed();
let db: TestDatabase;
let github: GitHubNock;
beforeEach(() => {
  ({ db, github } = bed);
});

const CHECK = `${REPO_PATH}/check-runs/5001`;
const complete = (conclusion: CheckConclusion, summary = "The implement stage succeeded.") =>
  ({ type: "complete_check_run", runId: 1, conclusion, summary }) satisfies CompleteCheckRunEffect;

async function seeded(item: ItemSeed, run: RunSeed) {
  const id = await seedWorkItem(db.sql, item);
  await seedStageRun(db.sql, id, { checkRunId: 5001, completedAt: "2026-03-01T12:04:12Z", ...run });
  return contextFor(db.sql, id);
}

function checkRunIs(status: string, conclusion: string | null = null, annotations = 0) {
  github
    .get(CHECK)
    .reply(200, { id: 5001, status, conclusion, output: { annotations_count: annotations } });
}

type Patch = {
  status?: string;
  conclusion?: string;
  actions?: unknown[];
  output: Record<string, unknown>;
};
const patches = () =>
  github
    .requests()
    .filter((r) => r.method === "PATCH")
    .map((r) => r.body as Patch);

describe("performCompleteCheckRun", () => {
  it("completes with the effect's conclusion, a ten-second summary and Approve when it waits", async () => {
    const context = await seeded(
      { state: "awaiting_approval" },
      { result: aStageResult(), usdSpent: 0.0612 },
    );
    checkRunIs("in_progress");
    github.patch(CHECK).reply(200, {});
    await performCompleteCheckRun(context, complete("success"));
    const [patch] = patches();
    expect(patch).toMatchObject({
      status: "completed",
      conclusion: "success",
      completed_at: "2026-03-01T12:04:12.000Z",
      actions: [
        {
          label: "Approve",
          description: "Approve this stage at its head commit",
          identifier: "approve",
        },
      ],
      output: { title: "Succeeded: Added the login page and its route." },
    });
    const summary = String(patch?.output.summary);
    for (const fact of [
      "| Files changed | 1 file |",
      "| Model | claude-sonnet-4-5 \\(anthropic\\) |",
      "12,000 in · 800 out",
      "$0.0612 of a $5.00 cap",
      "| Duration | 4 min 12 s |",
    ]) {
      expect(summary).toContain(fact);
    }
    expect(patch?.output).not.toHaveProperty("annotations");
    github.expectDone();
  });

  it("completes by the recorded id with no read on the first attempt; a retry reads and adds nothing", async () => {
    const context = await seeded({ state: "awaiting_approval" }, { result: aStageResult() });
    github.patch(CHECK).reply(200, {});
    await performCompleteCheckRun({ ...context, retried: false }, complete("success"));
    expect(github.requests().map((r) => r.method)).toEqual(["PATCH"]);
    checkRunIs("completed", "success");
    await performCompleteCheckRun({ ...context, retried: true }, complete("success"));
    expect(github.requests().map((r) => r.method)).toEqual(["PATCH", "GET"]);
    github.expectDone();
  });

  it("never turns a failure green, and offers Retry when a person must decide", async () => {
    const context = await seeded(
      { state: "waiting_for_human" },
      { result: aStageResult({ outcome: "failed", changes: [] }), status: "failed" },
    );
    checkRunIs("queued");
    github.patch(CHECK).reply(200, {});
    await performCompleteCheckRun(context, complete("failure", "The implement stage failed."));
    expect(patches()[0]).toMatchObject({
      conclusion: "failure",
      actions: [{ label: "Retry", identifier: "retry" }],
    });
    github.expectDone();
  });

  it("reports a run with no result, and one that never started, without buttons for old runs", async () => {
    const context = await seeded(
      { state: "waiting_for_human", lastRunNumber: 2 },
      { startedAt: null, status: "cancelled" },
    );
    checkRunIs("queued");
    github.patch(CHECK).reply(200, {});
    await performCompleteCheckRun(context, complete("cancelled", "Cancelled by @alice."));
    const [patch] = patches();
    expect(patch?.actions).toEqual([]);
    expect(patch?.output.summary).toContain("| Result | none received |");
    expect(patch?.output.summary).toContain("| Duration | the job never started |");
    expect(patch?.output).not.toHaveProperty("text");
    github.expectDone();
  });

  it("creates the check run first when none was recorded, then completes it", async () => {
    const context = await seeded(
      { state: "running" },
      { checkRunId: null, result: aStageResult({ quality_report: aQualityReport() }) },
    );
    github
      .get(`${REPO_PATH}/commits/${HEAD}/check-runs`)
      .query(true)
      .reply(200, { total_count: 0, check_runs: [] });
    github.post(`${REPO_PATH}/check-runs`).reply(201, { id: 5001 });
    checkRunIs("queued");
    github.patch(CHECK).reply(200, {});
    await performCompleteCheckRun(context, complete("success"));
    expect(github.requests().map((r) => r.method)).toEqual(["GET", "POST", "GET", "PATCH"]);
    expect(patches()[0]?.output.summary).toContain(
      "| Tests | 10 passed · 0 failed · 0 skipped · coverage 85% · gate passed |",
    );
    github.expectDone();
  });

  it("lets a GitHub server error through for the outbox to retry", async () => {
    const context = await seeded({ state: "running" }, {});
    checkRunIs("in_progress");
    github.patch(CHECK).reply(503, { message: "unavailable" });
    await expect(performCompleteCheckRun(context, complete("failure"))).rejects.toMatchObject({
      status: 503,
    });
    github.expectDone();
  });
});
