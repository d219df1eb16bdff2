import { type FakeRepo, hashOf } from "./fake-repo.js";
import { FakeError, type FakeRoute, type FakeWorld, ok, repoOf } from "./fake-route.js";

const TRAILER = /^QuantaPilot-Stage-Run: (\d+)$/m;

function commitOf(repo: FakeRepo, sha: string) {
  const commit = repo.commits.get(sha);
  if (!commit) throw new FakeError(404, "No commit found for SHA");
  return commit;
}

function refSha(repo: FakeRepo, ref: string): string {
  const sha = repo.refs.get(ref);
  if (!sha) throw new FakeError(404, "Not Found");
  return sha;
}

/** Records each stage-run commit a ref move makes reachable: one commit per stage run, ever. */
function recordMove(world: FakeWorld, repo: FakeRepo, from: string | undefined, to: string) {
  let sha: string | undefined = to;
  while (sha && sha !== from) {
    const commit = commitOf(repo, sha);
    const run = TRAILER.exec(commit.message)?.[1];
    if (run) world.ledger.record("commit", `${repo.fullName} stage-run ${run}`);
    sha = commit.parents[0];
  }
}

function isAncestor(repo: FakeRepo, ancestor: string, of: string): boolean {
  for (let sha: string | undefined = of; sha; sha = repo.commits.get(sha)?.parents[0]) {
    if (sha === ancestor) return true;
  }
  return false;
}

function announcePush(
  world: FakeWorld,
  repo: FakeRepo,
  branch: string,
  before: string,
  after: string,
) {
  for (const pull of repo.pulls.values()) {
    if (pull.state === "open" && pull.head === branch) {
      world.events.push({
        type: "pull_pushed",
        repo: repo.fullName,
        number: pull.number,
        before,
        after,
      });
    }
  }
}

type Entry = { path: string; sha?: string | null; content?: string };

function buildTree(repo: FakeRepo, base: string | undefined, entries: Entry[]) {
  const files = { ...(base ? (repo.trees.get(base) ?? {}) : {}) };
  for (const entry of entries) {
    if (entry.sha === null) delete files[entry.path];
    else files[entry.path] = entry.content ?? repo.blobs.get(String(entry.sha)) ?? "";
  }
  return repo.putTree(files);
}

function changedFiles(repo: FakeRepo, base: string, head: string) {
  const a = repo.trees.get(commitOf(repo, base).tree) ?? {};
  const b = repo.trees.get(commitOf(repo, head).tree) ?? {};
  const paths = new Set([...Object.keys(a), ...Object.keys(b)]);
  return [...paths]
    .filter((p) => a[p] !== b[p])
    .map((filename) => ({ filename, status: "modified" }));
}

/** The git data API: refs, commits, trees, blobs, and compare. */
export const gitRoutes: FakeRoute[] = [
  {
    method: "GET",
    path: "/repos/:owner/:repo/git/ref/:ref*",
    handle: (world, req) => {
      const ref = String(req.params.ref);
      const sha = refSha(repoOf(world, req), ref);
      return ok({ ref: `refs/${ref}`, object: { sha, type: "commit" } });
    },
  },
  {
    method: "GET",
    path: "/repos/:owner/:repo/git/commits/:sha",
    handle: (world, req) => {
      const commit = commitOf(repoOf(world, req), String(req.params.sha));
      const parents = commit.parents.map((sha) => ({ sha }));
      return ok({ sha: commit.sha, message: commit.message, tree: { sha: commit.tree }, parents });
    },
  },
  {
    method: "POST",
    path: "/repos/:owner/:repo/git/blobs",
    handle: (world, req) => {
      const content = Buffer.from(String(req.body.content), "base64").toString("utf8");
      const sha = hashOf({ blob: content });
      repoOf(world, req).blobs.set(sha, content);
      return ok({ sha }, 201);
    },
  },
  {
    method: "POST",
    path: "/repos/:owner/:repo/git/trees",
    handle: (world, req) => {
      const repo = repoOf(world, req);
      const base = req.body.base_tree as string | undefined;
      return ok({ sha: buildTree(repo, base, req.body.tree as Entry[]) }, 201);
    },
  },
  {
    method: "POST",
    path: "/repos/:owner/:repo/git/commits",
    handle: (world, req) => {
      const repo = repoOf(world, req);
      const parents = req.body.parents as string[];
      for (const parent of parents) commitOf(repo, parent);
      const commit = repo.putCommit(String(req.body.tree), String(req.body.message), parents);
      return ok({ sha: commit.sha, tree: { sha: commit.tree }, message: commit.message }, 201);
    },
  },
  {
    method: "POST",
    path: "/repos/:owner/:repo/git/refs",
    handle: (world, req) => {
      const repo = repoOf(world, req);
      const ref = String(req.body.ref).replace(/^refs\//, "");
      if (repo.refs.has(ref)) throw new FakeError(422, "Reference already exists");
      const sha = commitOf(repo, String(req.body.sha)).sha;
      recordMove(world, repo, repo.refs.get(`heads/${repo.defaultBranch}`), sha);
      repo.refs.set(ref, sha);
      return ok({ ref: `refs/${ref}`, object: { sha, type: "commit" } }, 201);
    },
  },
  {
    method: "PATCH",
    path: "/repos/:owner/:repo/git/refs/:ref*",
    handle: (world, req) => {
      const repo = repoOf(world, req);
      const ref = String(req.params.ref);
      const before = refSha(repo, ref);
      const after = commitOf(repo, String(req.body.sha)).sha;
      if (req.body.force !== true && !isAncestor(repo, before, after)) {
        throw new FakeError(422, "Update is not a fast forward");
      }
      recordMove(world, repo, before, after);
      repo.refs.set(ref, after);
      if (before !== after) announcePush(world, repo, ref.replace(/^heads\//, ""), before, after);
      return ok({ ref: `refs/${ref}`, object: { sha: after, type: "commit" } });
    },
  },
  {
    method: "DELETE",
    path: "/repos/:owner/:repo/git/refs/:ref*",
    handle: (world, req) => {
      const repo = repoOf(world, req);
      if (!repo.refs.delete(String(req.params.ref)))
        throw new FakeError(422, "Reference does not exist");
      return { status: 204 };
    },
  },
  {
    method: "GET",
    path: "/repos/:owner/:repo/compare/:basehead",
    handle: (world, req) => {
      const repo = repoOf(world, req);
      const [base = "", head = ""] = String(req.params.basehead).split("...");
      return ok({ status: "ahead", files: changedFiles(repo, base, head) });
    },
  },
];
