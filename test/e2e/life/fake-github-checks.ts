import type { Route } from "./fake-github-route.js";
import type { FakeCheckRun, FakeRepo } from "./fake-repo.js";

const APP = { slug: "quantapilot", id: 1 };

function view(run: FakeCheckRun) {
  return { ...run, app: APP, external_id: run.external_id };
}

type Output = { title?: string; summary?: string; text?: string; annotations?: unknown[] };

function mergeOutput(run: FakeCheckRun, output: Output | undefined): FakeCheckRun["output"] {
  if (output === undefined) return run.output;
  const { annotations = [], ...text } = output;
  return {
    ...run.output,
    ...text,
    annotations_count: run.output.annotations_count + annotations.length,
  };
}

/** The Checks API over `repo`: check runs as the app creates, finds and updates them. */
export function checkRoutes(repo: FakeRepo): Route[] {
  return [
    [
      "GET",
      /^\/commits\/([0-9a-f]{40})\/check-runs$/,
      ([sha], query) => {
        const name = query.get("check_name");
        const runs = [...repo.checkRuns.values()].filter(
          (run) => run.head_sha === sha && (name === null || run.name === name),
        );
        return [200, { total_count: runs.length, check_runs: runs.map(view) }];
      },
    ],
    [
      "POST",
      /^\/check-runs$/,
      (_g, _q, body) => {
        const run: FakeCheckRun = {
          id: repo.nextId(),
          name: body.name,
          head_sha: body.head_sha,
          external_id: body.external_id ?? "",
          status: body.status ?? "queued",
          conclusion: body.conclusion ?? null,
          output: { annotations_count: 0 },
          actions: body.actions ?? [],
        };
        run.output = mergeOutput(run, body.output);
        repo.checkRuns.set(run.id, run);
        return [201, view(run)];
      },
    ],
    [
      "GET",
      /^\/check-runs\/(\d+)$/,
      ([id]) => {
        const run = repo.checkRuns.get(Number(id));
        return run ? [200, view(run)] : [404, { message: "Not Found" }];
      },
    ],
    [
      "PATCH",
      /^\/check-runs\/(\d+)$/,
      ([id], _q, body) => {
        const run = repo.checkRuns.get(Number(id));
        if (!run) return [404, { message: "Not Found" }];
        run.output = mergeOutput(run, body.output);
        if (body.status) run.status = body.status;
        if (body.conclusion) run.conclusion = body.conclusion;
        if (body.actions) run.actions = body.actions;
        return [200, view(run)];
      },
    ],
  ];
}
