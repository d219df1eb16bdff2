import type { Life } from "./life-bed.js";
import { example, inLife, person } from "./webhook-payloads.js";

/**
 * GitHub's side of the life: the webhooks GitHub would send after what the
 * app or a person did, built from GitHub's own examples with our repository.
 */

/** A person labels issue `number` with `label`. */
export async function labelIssue(life: Life, number: number, label: string, login: string) {
  const issue = life.github.repo.issues.get(number);
  if (!issue) throw new Error(`no issue #${number} on the fake GitHub`);
  issue.labels.push(label);
  const base = example("issues", "labeled");
  await life.deliver(
    "issues",
    inLife({
      ...base,
      issue: {
        ...(base.issue as object),
        number,
        title: issue.title,
        body: issue.body,
        html_url: `https://github.com/${life.github.repo.owner}/${life.github.repo.name}/issues/${number}`,
      },
      label: { ...(base.label as object), name: label },
      sender: person(login),
    }),
  );
}

/** The workflow run GitHub started for stage run `stageRunId` (after the app dispatched it). */
export function workflowRunOf(life: Life, stageRunId: number) {
  const run = life.github.repo.workflowRuns.find(
    (r) => r.display_title === `QuantaPilot stage run ${stageRunId}`,
  );
  if (!run) throw new Error(`stage run ${stageRunId} was never dispatched`);
  return run;
}

/** The dispatched job starts: `workflow_run.in_progress`, its run-name carrying the stage run id. */
export async function deliverInProgress(life: Life, stageRunId: number): Promise<number> {
  const run = workflowRunOf(life, stageRunId);
  run.status = "in_progress";
  const base = example(
    "workflow_run",
    "completed",
    (e) => (e.workflow_run as { path?: string }).path !== undefined,
  );
  await life.deliver(
    "workflow_run",
    inLife({
      ...base,
      action: "in_progress",
      workflow_run: {
        ...(base.workflow_run as object),
        id: run.id,
        name: "QuantaPilot",
        path: ".github/workflows/quantapilot.yml",
        event: "workflow_dispatch",
        display_title: run.display_title,
        status: "in_progress",
        conclusion: null,
        html_url: `https://github.com/${life.github.repo.owner}/${life.github.repo.name}/actions/runs/${run.id}`,
      },
    }),
  );
  return run.id;
}

/** After GitHub merged PR `number` (the app asked it to): `pull_request.closed`, merged. */
export async function deliverMerged(life: Life, number: number) {
  const pull = life.github.repo.pulls.get(number);
  if (!pull?.merged) throw new Error(`PR #${number} is not merged on the fake GitHub`);
  const base = example("pull_request", "closed");
  const basePull = base.pull_request as Record<string, object>;
  await life.deliver(
    "pull_request",
    inLife({
      ...base,
      number,
      pull_request: {
        ...basePull,
        number,
        title: pull.title,
        body: pull.body,
        state: "closed",
        merged: true,
        merge_commit_sha: pull.merge_commit_sha,
        head: { ...basePull.head, ref: pull.head.ref, sha: pull.head.sha },
        base: { ...basePull.base, ref: pull.base.ref },
      },
    }),
  );
}

/** A maintainer approves PR `number` at its head with a review. */
export async function approveByReview(life: Life, number: number, login: string) {
  const pull = life.github.repo.pulls.get(number);
  if (!pull) throw new Error(`no PR #${number} on the fake GitHub`);
  const base = example("pull_request_review", "submitted");
  await life.deliver(
    "pull_request_review",
    inLife({
      ...base,
      pull_request: { ...(base.pull_request as object), number },
      review: {
        ...(base.review as object),
        id: life.github.repo.nextId(),
        state: "approved",
        body: null,
        commit_id: pull.head.sha,
        user: person(login),
      },
    }),
  );
}

/** A maintainer comments `body` (e.g. `/approve`) on issue or PR `number`. */
export async function comment(life: Life, number: number, body: string, login: string) {
  const base = example("issue_comment", "created");
  const onPull = life.github.repo.pulls.has(number);
  const issue: Record<string, unknown> = { ...(base.issue as Record<string, unknown>), number };
  if (!onPull) delete issue.pull_request;
  else issue.pull_request = { url: `https://api.github.com/repos/x/y/pulls/${number}` };
  const id = life.github.repo.nextId();
  life.github.repo.lastCommentId = id;
  await life.deliver(
    "issue_comment",
    inLife({
      ...base,
      issue,
      comment: {
        ...(base.comment as object),
        id,
        body,
        html_url: `https://github.com/x/y/issues/${number}#issuecomment-${id}`,
        user: person(login),
        performed_via_github_app: null,
      },
      sender: person(login),
    }),
  );
}
