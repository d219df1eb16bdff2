import type { Route } from "./fake-github-route.js";
import type { FakeRepo } from "./fake-repo.js";

function runView(repo: FakeRepo, run: FakeRepo["workflowRuns"][number]) {
  return {
    ...run,
    path: ".github/workflows/quantapilot.yml",
    event: "workflow_dispatch",
    html_url: `https://github.com/${repo.owner}/${repo.name}/actions/runs/${run.id}`,
  };
}

/**
 * GitHub Actions over `repo`: a dispatch of quantapilot.yml starts a
 * workflow run named by the workflow's `run-name` (`QuantaPilot stage run
 * <id>`, from the spec), as the real workflow file does.
 */
export function actionRoutes(repo: FakeRepo): Route[] {
  return [
    ["GET", /^\/releases$/, () => [200, [...repo.releases].reverse()]],
    [
      "POST",
      /^\/releases$/,
      (_g, _q, body) => {
        const release = { id: repo.nextId(), draft: false, ...body, body: body.body ?? "" };
        repo.releases.push(release);
        return [
          201,
          { ...release, html_url: `https://github.com/x/y/releases/tag/${body.tag_name}` },
        ];
      },
    ],
    [
      "GET",
      /^$/,
      () => [
        200,
        {
          id: repo.id,
          name: repo.name,
          full_name: `${repo.owner}/${repo.name}`,
          owner: { login: repo.owner },
          default_branch: repo.defaultBranch,
          private: true,
        },
      ],
    ],
    [
      "POST",
      /^\/actions\/workflows\/quantapilot\.yml\/dispatches$/,
      (_g, _q, body) => {
        const spec = String(body.inputs?.spec ?? "");
        const id = (JSON.parse(spec) as { stage_run_id: number }).stage_run_id;
        repo.workflowRuns.push({
          id: 7_000_000 + repo.nextId(),
          display_title: `QuantaPilot stage run ${id}`,
          created_at: new Date().toISOString(),
          status: "queued",
          spec,
        });
        return [204, ""];
      },
    ],
    [
      "GET",
      /^\/actions\/workflows\/quantapilot\.yml\/runs$/,
      () => {
        const runs = [...repo.workflowRuns].reverse().map((run) => runView(repo, run));
        return [200, { total_count: runs.length, workflow_runs: runs }];
      },
    ],
    [
      "GET",
      /^\/actions\/runs\/(\d+)$/,
      ([id]) => {
        const run = repo.workflowRuns.find((r) => r.id === Number(id));
        return run ? [200, runView(repo, run)] : [404, { message: "Not Found" }];
      },
    ],
    [
      "POST",
      /^\/actions\/runs\/(\d+)\/cancel$/,
      ([id]) => {
        const run = repo.workflowRuns.find((r) => r.id === Number(id));
        if (!run) return [404, { message: "Not Found" }];
        run.status = "cancelled";
        return [202, {}];
      },
    ],
    [
      "GET",
      /^\/readme$/,
      (_g, query) => {
        const ref = query.get("ref") ?? repo.defaultBranch;
        const commit = repo.commits.get(ref) ?? repo.head(ref);
        const text = commit.files.get("README.md");
        if (text === undefined) return [404, { message: "Not Found" }];
        return [200, readmeView(repo, text)];
      },
    ],
    [
      "GET",
      /^\/contents\/(.+)$/,
      ([path], query) => {
        const ref = query.get("ref") ?? repo.defaultBranch;
        const commit = repo.commits.get(ref) ?? repo.head(ref);
        const text = commit.files.get(path);
        if (text === undefined) return [404, { message: "Not Found" }];
        return [200, contentView(repo, path, text)];
      },
    ],
  ];
}

function contentView(repo: FakeRepo, path: string, text: string) {
  const url = `https://github.com/${repo.owner}/${repo.name}/blob/${repo.defaultBranch}/${path}`;
  return {
    type: "file",
    encoding: "base64",
    size: Buffer.byteLength(text),
    name: path.split("/").pop(),
    path,
    content: Buffer.from(text).toString("base64"),
    sha: "b".repeat(40),
    url,
    html_url: url,
  };
}

function readmeView(repo: FakeRepo, text: string) {
  return contentView(repo, "README.md", text);
}
