import type { Route } from "./fake-github-route.js";
import type { FakeRepo } from "./fake-repo.js";

type TreeEntry = { path: string; content?: string; sha?: string | null };

/** The git data API over `repo`: refs, commits, trees, compare. */
export function gitRoutes(repo: FakeRepo): Route[] {
  return [
    [
      "GET",
      /^\/git\/ref\/heads\/(.+)$/,
      ([branch]) => {
        const sha = repo.refs.get(branch);
        if (sha === undefined) return [404, { message: "Not Found" }];
        return [200, { ref: `refs/heads/${branch}`, object: { sha, type: "commit" } }];
      },
    ],
    [
      "POST",
      /^\/git\/refs$/,
      (_m, _q, body: { ref: string; sha: string }) => {
        const branch = body.ref.replace(/^refs\/heads\//, "");
        if (repo.refs.has(branch)) return [422, { message: "Reference already exists" }];
        repo.moveBranch(branch, body.sha);
        return [201, { ref: body.ref, object: { sha: body.sha, type: "commit" } }];
      },
    ],
    [
      "PATCH",
      /^\/git\/refs\/heads\/(.+)$/,
      ([branch], _q, body: { sha: string }) => {
        if (!repo.refs.has(branch)) return [422, { message: "Reference does not exist" }];
        repo.moveBranch(branch, body.sha);
        return [200, { ref: `refs/heads/${branch}`, object: { sha: body.sha, type: "commit" } }];
      },
    ],
    [
      "DELETE",
      /^\/git\/refs\/heads\/(.+)$/,
      ([branch]) => {
        if (!repo.refs.delete(branch)) return [422, { message: "Reference does not exist" }];
        return [204, ""];
      },
    ],
    [
      "GET",
      /^\/git\/commits\/([0-9a-f]{40})$/,
      ([sha]) => {
        const commit = repo.commits.get(sha);
        if (!commit) return [404, { message: "Not Found" }];
        return [200, { sha, message: commit.message, tree: { sha: commit.tree }, parents: [] }];
      },
    ],
    [
      "POST",
      /^\/git\/trees$/,
      (_m, _q, body: { base_tree: string; tree: TreeEntry[] }) => {
        const files = new Map(repo.trees.get(body.base_tree) ?? []);
        for (const entry of body.tree) {
          if (entry.sha === null) files.delete(entry.path);
          else files.set(entry.path, entry.content ?? `blob:${entry.sha}`);
        }
        return [201, { sha: repo.storeTree(files), tree: [] }];
      },
    ],
    [
      "POST",
      /^\/git\/commits$/,
      (_m, _q, body: { message: string; tree: string; parents: string[] }) => {
        const files = repo.trees.get(body.tree);
        if (!files) return [422, { message: "Tree not found" }];
        const commit = repo.commit(body.message, body.parents, files);
        return [201, { sha: commit.sha, tree: { sha: commit.tree }, message: commit.message }];
      },
    ],
    [
      "GET",
      /^\/compare\/([0-9a-f]{40})\.\.\.([0-9a-f]{40})$/,
      ([base, head]) => {
        const a = repo.commits.get(base)?.files ?? new Map();
        const b = repo.commits.get(head)?.files ?? new Map();
        const names = new Set([...a.keys(), ...b.keys()]);
        const files = [...names]
          .filter((n) => a.get(n) !== b.get(n))
          .map((filename) => ({ filename }));
        return [200, { status: "ahead", files }];
      },
    ],
  ];
}
