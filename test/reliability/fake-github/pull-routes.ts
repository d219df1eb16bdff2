import type { FakePull, FakeRepo } from "./fake-repo.js";
import { FakeError, type FakeRoute, type FakeWorld, markerOf, ok, repoOf } from "./fake-route.js";
import { paged } from "./issue-routes.js";

function pullJson(repo: FakeRepo, pull: FakePull) {
  return {
    number: pull.number,
    title: pull.title,
    body: pull.body,
    state: pull.state,
    merged: pull.merged,
    merge_commit_sha: pull.mergeSha,
    mergeable: true,
    mergeable_state: "clean",
    head: { ref: pull.head, sha: repo.refs.get(`heads/${pull.head}`) ?? pull.mergeSha ?? "" },
    base: { ref: pull.base },
    html_url: `https://github.com/${repo.fullName}/pull/${pull.number}`,
  };
}

function pullOf(repo: FakeRepo, number: string | undefined) {
  const pull = repo.pulls.get(Number(number));
  if (!pull) throw new FakeError(404, "Not Found");
  return pull;
}

// A squash merge: one commit with the head's tree on the base branch.
function merge(world: FakeWorld, repo: FakeRepo, pull: FakePull, sha: unknown) {
  const head = repo.refs.get(`heads/${pull.head}`);
  if (pull.merged || pull.state !== "open")
    throw new FakeError(405, "Pull Request is not mergeable");
  if (head === undefined || (sha !== undefined && sha !== head)) {
    throw new FakeError(409, "Head branch was modified. Review and try the merge again.");
  }
  const base = repo.refs.get(`heads/${pull.base}`) ?? "";
  // Work items touch distinct files here, so the squash is the union of both trees.
  const files = (sha: string) => repo.trees.get(repo.commits.get(sha)?.tree ?? "") ?? {};
  const tree = repo.putTree({ ...files(base), ...files(head) });
  const squash = repo.putCommit(tree, `${pull.title} (#${pull.number})`, [base]);
  repo.refs.set(`heads/${pull.base}`, squash.sha);
  Object.assign(pull, { merged: true, state: "closed", mergeSha: squash.sha });
  world.ledger.record("merge", `${repo.fullName} pull ${pull.number}`);
  world.events.push({ type: "pull_merged", repo: repo.fullName, number: pull.number, sha: head });
  return squash.sha;
}

/** Pull requests: open (one per head branch), list, read, edit, squash-merge, reviews. */
export const pullRoutes: FakeRoute[] = [
  {
    method: "GET",
    path: "/repos/:owner/:repo/pulls",
    handle: (world, req) => {
      const repo = repoOf(world, req);
      const head = req.query.get("head")?.split(":")[1];
      const state = req.query.get("state") ?? "open";
      const found = [...repo.pulls.values()]
        .filter(
          (p) => (head === undefined || p.head === head) && (state === "all" || p.state === state),
        )
        .map((p) => pullJson(repo, p));
      return paged(found, req);
    },
  },
  {
    method: "POST",
    path: "/repos/:owner/:repo/pulls",
    handle: (world, req) => {
      const repo = repoOf(world, req);
      const head = String(req.body.head);
      if (!repo.refs.has(`heads/${head}`)) throw new FakeError(422, "Validation Failed: head");
      if ([...repo.pulls.values()].some((p) => p.head === head && p.state === "open")) {
        throw new FakeError(422, `A pull request already exists for ${repo.owner}:${head}.`);
      }
      const number = repo.nextNumber++;
      const pull: FakePull = {
        number,
        title: String(req.body.title),
        body: String(req.body.body ?? ""),
        head,
        base: String(req.body.base),
        state: "open",
        merged: false,
        mergeSha: null,
      };
      repo.pulls.set(number, pull);
      world.ledger.record("pull_request", `${repo.fullName} ${head}`);
      world.events.push({ type: "pull_opened", repo: repo.fullName, number });
      return ok(pullJson(repo, pull), 201);
    },
  },
  {
    method: "GET",
    path: "/repos/:owner/:repo/pulls/:number",
    handle: (world, req) => {
      const repo = repoOf(world, req);
      return ok(pullJson(repo, pullOf(repo, req.params.number)));
    },
  },
  {
    method: "PATCH",
    path: "/repos/:owner/:repo/pulls/:number",
    handle: (world, req) => {
      const repo = repoOf(world, req);
      const pull = pullOf(repo, req.params.number);
      if (typeof req.body.title === "string") pull.title = req.body.title;
      if (typeof req.body.body === "string") pull.body = req.body.body;
      return ok(pullJson(repo, pull));
    },
  },
  {
    method: "PUT",
    path: "/repos/:owner/:repo/pulls/:number/merge",
    handle: (world, req) => {
      const repo = repoOf(world, req);
      const sha = merge(world, repo, pullOf(repo, req.params.number), req.body.sha);
      return ok({ sha, merged: true, message: "Pull Request successfully merged" });
    },
  },
  {
    method: "GET",
    path: "/repos/:owner/:repo/pulls/:number/reviews",
    handle: (world, req) => {
      const reviews = repoOf(world, req).reviews.get(Number(req.params.number)) ?? [];
      return paged(
        reviews.map((r) => ({ id: r.id, body: r.body, commit_id: r.commitId })),
        req,
      );
    },
  },
  {
    method: "POST",
    path: "/repos/:owner/:repo/pulls/:number/reviews",
    handle: (world, req) => {
      const repo = repoOf(world, req);
      const number = Number(pullOf(repo, req.params.number).number);
      const body = String(req.body.body ?? "");
      const review = { id: world.nextId(), body, commitId: String(req.body.commit_id ?? "") };
      repo.reviews.set(number, [...(repo.reviews.get(number) ?? []), review]);
      world.ledger.record("review", `${repo.fullName} ${markerOf(body) ?? body}`);
      return ok({ ...review, commit_id: review.commitId }, 200);
    },
  },
];
