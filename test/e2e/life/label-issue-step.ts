import { expect } from "vitest";
import { expectDispatch, only } from "./expectations.js";
import { labelIssue } from "./github-side.js";
import type { Life } from "./life-bed.js";
import { itemRow, runRow, runStatuses } from "./life-rows.js";
import { expectRequests, lifeStep, type StepHooks } from "./life-step.js";

/**
 * A writer labels a new issue `quantapilot:implement`: a work item starts at
 * implement, its check run is queued on the default branch's head, the job
 * dispatched with a valid spec, and the status comment created. `dashboard`
 * says how the project's dashboard issue is drawn (created and pinned the
 * first time, edited after). Returns the work item's id and branch.
 */
export async function labelForImplement(
  life: Life,
  issue: { number: number; title: string },
  login: string,
  dashboard: { created: true } | { number: number },
  hooks: StepHooks & {
    /** The effects are performed on a retry (a worker died first): creations are looked for first. */
    retried?: boolean;
  } = {},
) {
  life.github.repo.permissions.set(login, "write");
  const base = life.github.repo.head().sha;
  const step = await lifeStep(
    life,
    () => labelIssue(life, issue.number, "quantapilot:implement", login),
    hooks,
  );
  expect(step.queued).toEqual([
    "create_check_run:done",
    "dispatch_stage:done",
    "update_status_comment:done",
    "update_dashboard:done",
  ]);
  const drawDashboard =
    "created" in dashboard
      ? ["GET /issues", "POST /issues"]
      : [`PATCH /issues/${dashboard.number}`];
  expectRequests(step, [
    `GET /collaborators/${login}/permission`,
    "GET /git/ref/heads%2Fmain",
    ...(hooks.retried ? [`GET /commits/${base}/check-runs`] : []),
    "POST /check-runs",
    "GET /git/ref/heads%2Fmain",
    `GET /issues/${issue.number}`,
    "POST /actions/workflows/quantapilot.yml/dispatches",
    `GET /issues/${issue.number}/comments`,
    `POST /issues/${issue.number}/comments`,
    ...drawDashboard,
  ]);
  const [row] = await life.db.sql<{ id: string; branch: string }[]>`
    SELECT id, branch FROM work_items WHERE issue_number = ${issue.number}`;
  const workItemId = Number(row?.id);
  const run = await runRow(life, workItemId, 1);
  expect(only(step.requests, "POST /check-runs").body).toMatchObject({
    name: "QuantaPilot / implement",
    head_sha: base,
    status: "queued",
    external_id: `qp:${workItemId}:1`,
  });
  expectDispatch(step.requests, {
    stage_run_id: run.id,
    stage: "implement",
    role: "developer",
    base_sha: base,
    work_branch: row?.branch,
    iteration: 0,
    work_item: expect.objectContaining({ kind: "issue", number: issue.number, title: issue.title }),
  });
  expect(await itemRow(life, workItemId)).toMatchObject({
    kind: "issue",
    stage: "implement",
    state: "running",
    last_run_number: 1,
  });
  expect(await runStatuses(life, workItemId)).toEqual(["implement:dispatched"]);
  return { workItemId, branch: String(row?.branch) };
}
