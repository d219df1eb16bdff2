import type { Route } from "./fake-github-route.js";
import type { FakeComment, FakeIssue, FakeRepo } from "./fake-repo.js";

export const BOT = { login: "quantapilot[bot]", type: "Bot" };

function issueView(repo: FakeRepo, issue: FakeIssue) {
  const url = `https://github.com/${repo.owner}/${repo.name}/issues/${issue.number}`;
  return {
    ...issue,
    id: issue.number,
    html_url: url,
    labels: issue.labels.map((name) => ({ name })),
    performed_via_github_app: issue.user.login === BOT.login ? { slug: "quantapilot" } : null,
  };
}

function findComment(repo: FakeRepo, id: number): [FakeIssue, number] | undefined {
  for (const issue of repo.issues.values()) {
    const index = issue.comments.findIndex((comment) => comment.id === id);
    if (index >= 0) return [issue, index];
  }
  return undefined;
}

// A pull request's conversation is an issue thread on GitHub too.
function thread(repo: FakeRepo, number: number): FakeIssue | undefined {
  const issue = repo.issues.get(number);
  if (issue) return issue;
  const pull = repo.pulls.get(number);
  if (!pull) return undefined;
  const shadow = {
    number,
    node_id: `PR_node${number}`,
    title: pull.title,
    body: pull.body,
    state: pull.state,
    user: BOT,
    labels: [],
    comments: [] as FakeComment[],
  };
  repo.issues.set(number, shadow);
  return shadow;
}

/** Issues and their comments over `repo`, written by the app as `quantapilot[bot]`. */
export function issueRoutes(repo: FakeRepo): Route[] {
  return [
    [
      "GET",
      /^\/issues$/,
      (_g, query) => {
        const creator = query.get("creator");
        const state = query.get("state") ?? "open";
        const issues = [...repo.issues.values()].filter(
          (issue) =>
            (creator === null || issue.user.login === creator) &&
            (state === "all" || issue.state === state) &&
            !repo.pulls.has(issue.number),
        );
        return [200, issues.map((issue) => issueView(repo, issue))];
      },
    ],
    [
      "POST",
      /^\/issues$/,
      (_g, _q, body) => {
        const issue = repo.addIssue(body.title, body.body ?? "", BOT.login);
        issue.user = BOT;
        issue.labels = (body.labels ?? []).map((label: string | { name: string }) =>
          typeof label === "string" ? label : label.name,
        );
        return [201, issueView(repo, issue)];
      },
    ],
    [
      "GET",
      /^\/issues\/(\d+)$/,
      ([n]) => {
        const issue = repo.issues.get(Number(n));
        return issue ? [200, issueView(repo, issue)] : [404, { message: "Not Found" }];
      },
    ],
    [
      "PATCH",
      /^\/issues\/(\d+)$/,
      ([n], _q, body) => {
        const issue = thread(repo, Number(n));
        if (!issue) return [404, { message: "Not Found" }];
        Object.assign(issue, body.title === undefined ? {} : { title: body.title });
        Object.assign(issue, body.body === undefined ? {} : { body: body.body });
        Object.assign(issue, body.state === undefined ? {} : { state: body.state });
        return [200, issueView(repo, issue)];
      },
    ],
    [
      "GET",
      /^\/issues\/(\d+)\/comments$/,
      ([n]) => {
        const issue = thread(repo, Number(n));
        if (!issue) return [404, { message: "Not Found" }];
        return [200, issue.comments.map((c) => ({ ...c, performed_via_github_app: null }))];
      },
    ],
    [
      "POST",
      /^\/issues\/(\d+)\/comments$/,
      ([n], _q, body) => {
        const issue = thread(repo, Number(n));
        if (!issue) return [404, { message: "Not Found" }];
        const comment = { id: repo.nextId(), body: body.body, user: BOT };
        issue.comments.push(comment);
        return [201, comment];
      },
    ],
    [
      "PATCH",
      /^\/issues\/comments\/(\d+)$/,
      ([id], _q, body) => {
        const found = findComment(repo, Number(id));
        if (!found) return [404, { message: "Not Found" }];
        const comment = found[0].comments[found[1]] as FakeComment;
        comment.body = body.body;
        return [200, comment];
      },
    ],
    [
      "DELETE",
      /^\/issues\/comments\/(\d+)$/,
      ([id]) => {
        const found = findComment(repo, Number(id));
        if (!found) return [404, { message: "Not Found" }];
        found[0].comments.splice(found[1], 1);
        return [204, ""];
      },
    ],
    [
      "POST",
      /^\/issues\/comments\/(\d+)\/reactions$/,
      (_g, _q, body) => [201, { id: repo.nextId(), content: body.content }],
    ],
    [
      "POST",
      /^\/issues\/(\d+)\/labels$/,
      ([n], _q, body) => {
        const issue = repo.issues.get(Number(n));
        if (!issue) return [404, { message: "Not Found" }];
        issue.labels.push(...(body.labels ?? []));
        return [200, issue.labels.map((name) => ({ name }))];
      },
    ],
    [
      "GET",
      /^\/collaborators\/([^/]+)\/permission$/,
      ([login]) => {
        const level = repo.permissions.get(login) ?? "none";
        return [200, { permission: level, role_name: level, user: { login } }];
      },
    ],
  ];
}
