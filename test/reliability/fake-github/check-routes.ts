import type { FakeCheckRun, FakeRepo } from "./fake-repo.js";
import { FakeError, type FakeRoute, type FakeWorld, ok, repoOf } from "./fake-route.js";

function checkJson(world: FakeWorld, run: FakeCheckRun) {
  return {
    id: run.id,
    name: run.name,
    head_sha: run.headSha,
    external_id: run.externalId,
    status: run.status,
    conclusion: run.conclusion,
    app: { slug: world.appSlug },
    output: { title: run.title, summary: "", annotations_count: run.annotations },
  };
}

function checkOf(repo: FakeRepo, id: string | undefined) {
  const run = repo.checkRuns.get(Number(id));
  if (!run) throw new FakeError(404, "Not Found");
  return run;
}

type Output = { title?: string; annotations?: unknown[] } | undefined;

function update(run: FakeCheckRun, body: Record<string, unknown>) {
  const output = body.output as Output;
  if (typeof body.status === "string") run.status = body.status;
  if (typeof body.conclusion === "string") {
    run.conclusion = body.conclusion;
    run.status = "completed";
  }
  if (output?.title) run.title = output.title;
  run.annotations += output?.annotations?.length ?? 0;
}

/** The Checks API: create (once per external id), list on a commit, read, update. */
export const checkRoutes: FakeRoute[] = [
  {
    method: "POST",
    path: "/repos/:owner/:repo/check-runs",
    handle: (world, req) => {
      const repo = repoOf(world, req);
      const run: FakeCheckRun = {
        id: world.nextId(),
        name: String(req.body.name),
        headSha: String(req.body.head_sha),
        externalId: String(req.body.external_id ?? ""),
        status: "queued",
        conclusion: null,
        annotations: 0,
        title: "",
      };
      update(run, req.body);
      repo.checkRuns.set(run.id, run);
      world.ledger.record("check_run", `${repo.fullName} ${run.name} ${run.externalId}`);
      return ok(checkJson(world, run), 201);
    },
  },
  {
    method: "GET",
    path: "/repos/:owner/:repo/commits/:ref/check-runs",
    handle: (world, req) => {
      const name = req.query.get("check_name");
      const runs = [...repoOf(world, req).checkRuns.values()]
        .filter((run) => run.headSha === req.params.ref && (name === null || run.name === name))
        .map((run) => checkJson(world, run));
      return ok({ total_count: runs.length, check_runs: runs });
    },
  },
  {
    method: "GET",
    path: "/repos/:owner/:repo/check-runs/:id",
    handle: (world, req) => ok(checkJson(world, checkOf(repoOf(world, req), req.params.id))),
  },
  {
    method: "PATCH",
    path: "/repos/:owner/:repo/check-runs/:id",
    handle: (world, req) => {
      const run = checkOf(repoOf(world, req), req.params.id);
      update(run, req.body);
      return ok(checkJson(world, run));
    },
  },
];
