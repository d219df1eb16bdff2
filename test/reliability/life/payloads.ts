import examples from "@octokit/webhooks-examples/api.github.com/index.json" with { type: "json" };

type Payload = Record<string, unknown>;

/** The first example GitHub documents for `event` (and `action`), as a mutable copy. */
function example(event: string, action?: string): Payload {
  const group = examples.find((g) => g.name === event);
  const found = group?.examples.find(
    (e) => action === undefined || (e as { action?: string }).action === action,
  );
  if (!found) throw new Error(`@octokit/webhooks-examples has no ${event}.${action} example`);
  return structuredClone(found) as Payload;
}

/** Where an event happened: a repository of an installation. */
export interface Place {
  installationId: number;
  repoId: number;
  owner: string;
  name: string;
}

export interface Person {
  login: string;
  type?: "User" | "Bot";
}

function around(place: Place, payload: Payload, sender: Person): Payload {
  const repository = payload.repository as Payload;
  return {
    ...payload,
    installation: { id: place.installationId },
    repository: {
      ...repository,
      id: place.repoId,
      name: place.name,
      full_name: `${place.owner}/${place.name}`,
      owner: { ...(repository.owner as Payload), login: place.owner },
      default_branch: "main",
    },
    sender: { login: sender.login, id: 5000 + sender.login.length, type: sender.type ?? "User" },
  };
}

/** `issues.labeled`: a person put `label` on issue `number`. */
export function issueLabeled(
  place: Place,
  issue: { number: number; title: string },
  label: string,
  by: Person,
) {
  const base = example("issues", "labeled");
  const labelled = { ...(base.label as Payload), name: label };
  const body = {
    ...(base.issue as Payload),
    number: issue.number,
    title: issue.title,
    pull_request: undefined,
  };
  return around(place, { ...base, issue: body, label: labelled }, by);
}

/** `issue_comment.created` on issue (or PR) `number`. */
export function commentCreated(
  place: Place,
  number: number,
  text: string,
  by: Person,
  id: number,
  onPull = false,
) {
  const base = example("issue_comment", "created");
  const issue = {
    ...(base.issue as Payload),
    number,
    ...(onPull ? { pull_request: { url: "x" } } : {}),
  };
  const comment = {
    ...(base.comment as Payload),
    id,
    body: text,
    user: { login: by.login, id: 7, type: by.type ?? "User" },
  };
  if (!onPull) delete (issue as { pull_request?: unknown }).pull_request;
  return around(place, { ...base, issue, comment }, by);
}

/** `workflow_run.<action>` for a dispatched run of the stage workflow. */
export function workflowRun(
  place: Place,
  action: "in_progress" | "completed",
  run: { id: number; title: string; conclusion?: string },
) {
  const base = example("workflow_run");
  const workflowRunBody = {
    ...(base.workflow_run as Payload),
    id: run.id,
    path: ".github/workflows/quantapilot.yml",
    event: "workflow_dispatch",
    display_title: run.title,
    status: action === "completed" ? "completed" : "in_progress",
    conclusion: action === "completed" ? (run.conclusion ?? "success") : null,
    html_url: `https://github.com/${place.owner}/${place.name}/actions/runs/${run.id}`,
  };
  return around(
    place,
    { ...base, action, workflow_run: workflowRunBody },
    { login: "quantapilot[bot]", type: "Bot" },
  );
}

/** `pull_request.<action>`: opened, synchronize (with before/after) or closed (merged). */
export function pullRequest(
  place: Place,
  action: "opened" | "synchronize" | "closed",
  pull: {
    number: number;
    headRef: string;
    headSha: string;
    merged?: boolean;
    mergeSha?: string;
    before?: string;
  },
) {
  const base = example("pull_request", action === "closed" ? "closed" : action);
  const pr = base.pull_request as Payload;
  const body = {
    ...pr,
    number: pull.number,
    head: { ...(pr.head as Payload), ref: pull.headRef, sha: pull.headSha },
    merged: pull.merged ?? false,
    merge_commit_sha: pull.mergeSha ?? null,
    state: action === "closed" ? "closed" : "open",
  };
  const extra = action === "synchronize" ? { before: pull.before, after: pull.headSha } : {};
  return around(
    place,
    { ...base, action, number: pull.number, pull_request: body, ...extra },
    { login: "quantapilot[bot]", type: "Bot" },
  );
}

/** `pull_request_review.submitted` at `commitId` with `state` (approved, changes_requested, commented). */
export function reviewSubmitted(
  place: Place,
  number: number,
  review: { id: number; state: string; commitId: string; body?: string },
  by: Person,
) {
  const base = example("pull_request_review", "submitted");
  const body = {
    ...(base.review as Payload),
    id: review.id,
    state: review.state,
    body: review.body ?? null,
    commit_id: review.commitId,
    user: { login: by.login, id: 9, type: by.type ?? "User" },
  };
  const pr = { ...(base.pull_request as Payload), number };
  return around(place, { ...base, review: body, pull_request: pr }, by);
}

/** An event the app has no handler for (a star): recorded as ignored. */
export function starred(place: Place, by: Person) {
  return around(place, example("star", "created"), by);
}
