import type { Route } from "./fake-github-route.js";
import type { FakePull, FakeRepo } from "./fake-repo.js";

function pullView(repo: FakeRepo, pull: FakePull) {
  return {
    ...pull,
    id: pull.number,
    html_url: `https://github.com/${repo.owner}/${repo.name}/pull/${pull.number}`,
  };
}

// A squash merge: one commit on the base with the PR head's files.
function squash(repo: FakeRepo, pull: FakePull): string {
  const head = repo.commits.get(pull.head.sha);
  if (!head) throw new Error(`fake GitHub: PR #${pull.number} head ${pull.head.sha} unknown`);
  const base = repo.head(pull.base.ref);
  const commit = repo.commit(`${pull.title} (#${pull.number})`, [base.sha], head.files);
  repo.refs.set(pull.base.ref, commit.sha);
  return commit.sha;
}

/** Pull requests over `repo`: opened, updated, reviewed and squash-merged by the app. */
export function pullRoutes(repo: FakeRepo): Route[] {
  const pull = (n: string) => repo.pulls.get(Number(n));
  return [
    [
      "GET",
      /^\/pulls$/,
      (_g, query) => {
        const head = query.get("head")?.split(":")[1];
        const state = query.get("state") ?? "open";
        const found = [...repo.pulls.values()].filter(
          (p) =>
            (head === undefined || p.head.ref === head) && (state === "all" || p.state === state),
        );
        return [200, found.map((p) => pullView(repo, p))];
      },
    ],
    [
      "POST",
      /^\/pulls$/,
      (_g, _q, body) => {
        const sha = repo.refs.get(body.head);
        if (sha === undefined) return [422, { message: `No commits on ${body.head}` }];
        const opened: FakePull = {
          number: repo.nextNumber(),
          title: body.title,
          body: body.body ?? "",
          head: { ref: body.head, sha },
          base: { ref: body.base },
          state: "open",
          merged: false,
          merge_commit_sha: null,
          reviews: [],
        };
        repo.pulls.set(opened.number, opened);
        return [201, pullView(repo, opened)];
      },
    ],
    [
      "GET",
      /^\/pulls\/(\d+)$/,
      ([n]) => {
        const found = pull(n);
        if (!found) return [404, { message: "Not Found" }];
        return [200, pullView(repo, found)];
      },
    ],
    [
      "PATCH",
      /^\/pulls\/(\d+)$/,
      ([n], _q, body) => {
        const found = pull(n);
        if (!found) return [404, { message: "Not Found" }];
        found.title = body.title ?? found.title;
        found.body = body.body ?? found.body;
        return [200, pullView(repo, found)];
      },
    ],
    [
      "PUT",
      /^\/pulls\/(\d+)\/merge$/,
      ([n], _q, body) => {
        const found = pull(n);
        if (found?.state !== "open") return [405, { message: "Pull Request is not mergeable" }];
        if (body.sha !== found.head.sha) {
          return [409, { message: "Head branch was modified. Review and try the merge again." }];
        }
        const sha = squash(repo, found);
        Object.assign(found, { state: "closed", merged: true, merge_commit_sha: sha });
        return [200, { sha, merged: true, message: "Pull Request successfully merged" }];
      },
    ],
    ["GET", /^\/pulls\/(\d+)\/reviews$/, ([n]) => [200, pull(n)?.reviews ?? []]],
    [
      "POST",
      /^\/pulls\/(\d+)\/reviews$/,
      ([n], _q, body) => {
        const found = pull(n);
        if (!found) return [404, { message: "Not Found" }];
        const review = {
          id: repo.nextId(),
          body: body.body ?? "",
          commit_id: body.commit_id,
          event: body.event,
        };
        found.reviews.push(review);
        return [200, { ...review, state: "COMMENTED", user: { login: "quantapilot[bot]" } }];
      },
    ],
  ];
}
