import type { FakeComment, FakeRepo } from "./fake-repo.js";
import {
  FakeError,
  type FakeReply,
  type FakeRequest,
  type FakeRoute,
  type FakeWorld,
  markerOf,
  ok,
  repoOf,
} from "./fake-route.js";

/** One page of `items` as GitHub pages lists: `per_page`, `page`, and a `Link` to the next. */
export function paged(items: unknown[], req: FakeRequest): FakeReply {
  const perPage = Number(req.query.get("per_page") ?? 30);
  const page = Number(req.query.get("page") ?? 1);
  const slice = items.slice((page - 1) * perPage, page * perPage);
  if (page * perPage >= items.length) return ok(slice);
  const next = new URLSearchParams(req.query);
  next.set("page", String(page + 1));
  const link = `<http://github.fake${req.path}?${next}>; rel="next"`;
  return { status: 200, body: slice, headers: { link } };
}

function commentJson(world: FakeWorld, repo: FakeRepo, c: FakeComment) {
  const login = c.viaApp ? `${world.appSlug}[bot]` : c.login;
  return {
    id: c.id,
    body: c.body,
    user: { login, id: 1, type: c.viaApp ? "Bot" : "User" },
    performed_via_github_app: c.viaApp ? { slug: world.appSlug } : null,
    created_at: c.updatedAt,
    updated_at: c.updatedAt,
    html_url: `https://github.com/${repo.fullName}/issues/${c.issue}#issuecomment-${c.id}`,
  };
}

function issueJson(
  world: FakeWorld,
  repo: FakeRepo,
  number: number,
  issue: { title: string; body: string; state: string; byApp?: boolean },
) {
  const login = issue.byApp ? `${world.appSlug}[bot]` : "someone";
  return {
    number,
    node_id: `I_${repo.id}_${number}`,
    title: issue.title,
    body: issue.body,
    state: issue.state,
    user: { login, id: 1, type: issue.byApp ? "Bot" : "User" },
    performed_via_github_app: issue.byApp ? { slug: world.appSlug } : null,
    html_url: `https://github.com/${repo.fullName}/issues/${number}`,
  };
}

function commentOf(repo: FakeRepo, id: string | undefined) {
  const comment = repo.comments.get(Number(id));
  if (!comment) throw new FakeError(404, "Not Found");
  return comment;
}

function issueOf(repo: FakeRepo, number: string | undefined) {
  const issue = repo.issues.get(Number(number));
  if (!issue) throw new FakeError(404, "Not Found");
  return issue;
}

const effectKey = (repo: FakeRepo, body: string) => {
  const marker = markerOf(body);
  return marker === undefined ? undefined : `${repo.fullName} ${marker}`;
};

/** Issues, their comments and reactions, and the permission check. */
export const issueRoutes: FakeRoute[] = [
  {
    method: "GET",
    path: "/repos/:owner/:repo/issues/:number",
    handle: (world, req) => {
      const repo = repoOf(world, req);
      return ok(
        issueJson(world, repo, Number(req.params.number), issueOf(repo, req.params.number)),
      );
    },
  },
  {
    method: "PATCH",
    path: "/repos/:owner/:repo/issues/:number",
    handle: (world, req) => {
      const repo = repoOf(world, req);
      const issue = issueOf(repo, req.params.number);
      for (const key of ["title", "body", "state"] as const) {
        if (typeof req.body[key] === "string") issue[key] = req.body[key];
      }
      return ok(issueJson(world, repo, Number(req.params.number), issue));
    },
  },
  {
    method: "GET",
    path: "/repos/:owner/:repo/issues",
    handle: (world, req) => {
      const repo = repoOf(world, req);
      const creator = req.query.get("creator");
      const state = req.query.get("state") ?? "open";
      const list = [...repo.issues.entries()]
        .filter(
          ([, i]) =>
            (state === "all" || i.state === state) &&
            (creator === null || (i.byApp === true) === (creator === `${world.appSlug}[bot]`)),
        )
        .map(([number, i]) => issueJson(world, repo, number, i));
      return paged(list, req);
    },
  },
  {
    method: "POST",
    path: "/repos/:owner/:repo/issues",
    handle: (world, req) => {
      const repo = repoOf(world, req);
      const number = repo.nextNumber++;
      const body = String(req.body.body ?? "");
      const issue = { title: String(req.body.title), body, state: "open", byApp: true };
      repo.issues.set(number, issue);
      world.ledger.record("issue", effectKey(repo, body) ?? `${repo.fullName} ${req.body.title}`);
      return ok(issueJson(world, repo, number, issue), 201);
    },
  },
  {
    method: "GET",
    path: "/repos/:owner/:repo/issues/:number/comments",
    handle: (world, req) => {
      const repo = repoOf(world, req);
      const since = req.query.get("since");
      const list = [...repo.comments.values()]
        .filter((c) => c.issue === Number(req.params.number))
        .filter((c) => since === null || c.updatedAt >= new Date(since).toISOString())
        .map((c) => commentJson(world, repo, c));
      return paged(list, req);
    },
  },
  {
    method: "POST",
    path: "/repos/:owner/:repo/issues/:number/comments",
    handle: (world, req) => {
      const repo = repoOf(world, req);
      const issue = Number(req.params.number);
      const body = String(req.body.body);
      const comment = {
        id: world.nextId(),
        issue,
        body,
        login: "",
        viaApp: true,
        updatedAt: world.now(),
      };
      repo.comments.set(comment.id, comment);
      world.ledger.record("comment", effectKey(repo, body) ?? `${repo.fullName}#${issue} ${body}`);
      return ok(commentJson(world, repo, comment), 201);
    },
  },
  {
    method: "PATCH",
    path: "/repos/:owner/:repo/issues/comments/:id",
    handle: (world, req) => {
      const repo = repoOf(world, req);
      const comment = commentOf(repo, req.params.id);
      Object.assign(comment, { body: String(req.body.body), updatedAt: world.now() });
      return ok(commentJson(world, repo, comment));
    },
  },
  {
    method: "DELETE",
    path: "/repos/:owner/:repo/issues/comments/:id",
    handle: (world, req) => {
      const repo = repoOf(world, req);
      const comment = commentOf(repo, req.params.id);
      repo.comments.delete(comment.id);
      const key = effectKey(repo, comment.body);
      if (key) world.ledger.release("comment", key);
      return { status: 204 };
    },
  },
  {
    method: "POST",
    path: "/repos/:owner/:repo/issues/comments/:id/reactions",
    handle: (world, req) => {
      const key = `${req.params.owner}/${req.params.repo} comment ${req.params.id} ${req.body.content}`;
      // GitHub answers 200 with the existing reaction: a repeat is no second effect.
      if (world.ledger.keys("reaction").includes(key)) return ok({ content: req.body.content });
      world.ledger.record("reaction", key);
      return ok({ id: world.nextId(), content: req.body.content }, 201);
    },
  },
  {
    method: "GET",
    path: "/repos/:owner/:repo/collaborators/:login/permission",
    handle: (world, req) => {
      const level = world.permissionOf(String(req.params.login));
      return ok({ permission: level, role_name: level, user: { login: req.params.login } });
    },
  },
  {
    method: "GET",
    path: "/repos/:owner/:repo/contents/:path*",
    handle: () => {
      throw new FakeError(404, "Not Found");
    },
  },
  {
    method: "GET",
    path: "/repos/:owner/:repo/readme",
    handle: () => {
      throw new FakeError(404, "Not Found");
    },
  },
];
