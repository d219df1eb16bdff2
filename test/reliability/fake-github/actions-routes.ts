import type { FakeRepo, FakeWorkflowRun } from "./fake-repo.js";
import { FakeError, type FakeRoute, type FakeWorld, ok, repoOf } from "./fake-route.js";
import { paged } from "./issue-routes.js";

function runJson(repo: FakeRepo, run: FakeWorkflowRun) {
  return {
    id: run.id,
    name: "QuantaPilot",
    display_title: run.displayTitle,
    path: ".github/workflows/quantapilot.yml",
    event: "workflow_dispatch",
    status: run.status,
    conclusion: run.conclusion,
    created_at: run.createdAt,
    html_url: `https://github.com/${repo.fullName}/actions/runs/${run.id}`,
  };
}

function runOf(repo: FakeRepo, id: string | undefined) {
  const run = repo.workflowRuns.find((r) => r.id === Number(id));
  if (!run) throw new FakeError(404, "Not Found");
  return run;
}

// A dispatch starts a run named by the workflow's `run-name` from the spec's stage run id.
function dispatch(world: FakeWorld, repo: FakeRepo, inputs: Record<string, unknown>) {
  const spec = JSON.parse(String(inputs.spec)) as Record<string, unknown>;
  const stageRunId = Number(spec.stage_run_id);
  const run: FakeWorkflowRun = {
    id: world.nextId(),
    displayTitle: `QuantaPilot stage run ${stageRunId}`,
    createdAt: world.now(),
    status: "queued",
    conclusion: null,
    stageRunId,
    spec,
  };
  repo.workflowRuns.unshift(run);
  world.ledger.record("dispatch", `${repo.fullName} stage-run ${stageRunId}`);
  world.events.push({
    type: "workflow_dispatched",
    repo: repo.fullName,
    runId: run.id,
    stageRunId,
  });
}

/** Actions: dispatch the stage workflow, list its runs (newest first), read and cancel a run. */
export const actionsRoutes: FakeRoute[] = [
  {
    method: "POST",
    path: "/repos/:owner/:repo/actions/workflows/:workflow/dispatches",
    handle: (world, req) => {
      const repo = repoOf(world, req);
      if (req.params.workflow !== "quantapilot.yml") throw new FakeError(404, "Not Found");
      dispatch(world, repo, req.body.inputs as Record<string, unknown>);
      return { status: 204 };
    },
  },
  {
    method: "GET",
    path: "/repos/:owner/:repo/actions/workflows/:workflow/runs",
    handle: (world, req) => {
      const repo = repoOf(world, req);
      const reply = paged(
        repo.workflowRuns.map((run) => runJson(repo, run)),
        req,
      );
      const runs = reply.body as unknown[];
      return { ...reply, body: { total_count: repo.workflowRuns.length, workflow_runs: runs } };
    },
  },
  {
    method: "GET",
    path: "/repos/:owner/:repo/actions/runs/:id",
    handle: (world, req) => {
      const repo = repoOf(world, req);
      return ok(runJson(repo, runOf(repo, req.params.id)));
    },
  },
  {
    method: "POST",
    path: "/repos/:owner/:repo/actions/runs/:id/cancel",
    handle: (world, req) => {
      const run = runOf(repoOf(world, req), req.params.id);
      if (run.status === "completed")
        throw new FakeError(409, "Cannot cancel a workflow run that is completed.");
      run.status = "completed";
      run.conclusion = "cancelled";
      return ok({}, 202);
    },
  },
];
