import { expect } from "vitest";
import { expectDispatch, lines, only } from "./expectations.js";
import type { SentRequest } from "./fake-github.js";
import { approveByReview, comment, deliverInProgress, deliverMerged } from "./github-side.js";
import type { Life } from "./life-bed.js";
import { itemRow, runRow, runStatuses, threadIds } from "./life-rows.js";
import { expectRequests, lifeStep, type StepOutcome } from "./life-step.js";
import {
  implemented,
  postResult,
  reviewApproved,
  testsFailed,
  testsPassed,
} from "./stage-results.js";

/** An issue's work, from its first implement run (dispatched) to its merge. */
export interface IssueWork {
  workItemId: number;
  issueNumber: number;
  title: string;
  branch: string;
  /** What the developer writes: a first try the gate fails, then the fix. */
  source: { path: string; first: string; fixed: string };
  test: { path: string; content: string; finding: string };
  /** A person with write access not yet asked about (permissions are cached a minute). */
  approver: string;
  approveBy: "review" | "comment";
}

/**
 * The job of run `runNumber` starts: its check run goes in progress and the
 * status comment is redrawn; the dashboard, which shows nothing a job's start
 * changes, is redrawn but not written again.
 */
export async function startRun(life: Life, work: IssueWork, runNumber: number) {
  const run = await runRow(life, work.workItemId, runNumber);
  const ids = await threadIds(life, work.workItemId);
  const step = await lifeStep(life, () => deliverInProgress(life, run.id));
  expect(step.queued).toContain("update_dashboard:done");
  const sent = expectRequests(step, [
    `PATCH /check-runs/${run.checkRunId}`,
    `PATCH /issues/comments/${ids.statusComment}`,
  ]);
  expect(sent[0]?.body).toMatchObject({ status: "in_progress" });
  expect((await runRow(life, work.workItemId, runNumber)).status).toBe("in_progress");
  return run;
}

// A result that commits: the branch read, the parent read, one tree, one commit, the ref moved.
function commitLines(branch: string, parent: string, exists: boolean): string[] {
  const ref = `heads%2F${branch.replaceAll("/", "%2F")}`;
  return [
    `GET /git/ref/${ref}`,
    `GET /git/commits/${parent}`,
    "POST /git/trees",
    "POST /git/commits",
    exists ? `PATCH /git/refs/${ref}` : "POST /git/refs",
  ];
}

// The closed run's check run completed, the next run's queued on the new head and dispatched.
function handOverLines(closedCheck: number | null, _head: string, issue: number): string[] {
  return [
    `PATCH /check-runs/${closedCheck}`,
    "POST /check-runs",
    `GET /issues/${issue}`,
    "POST /actions/workflows/quantapilot.yml/dispatches",
  ];
}

/** The one commit of a step: on `parent`, carrying the stage run's trailer; returns the new head. */
function expectCommit(step: StepOutcome, parent: string, stageRunId: number, files: string[]) {
  const commit = only(step.requests, "POST /git/commits").body as {
    parents: string[];
    message: string;
  };
  expect(commit.parents).toEqual([parent]);
  expect(commit.message).toContain(`QuantaPilot-Stage-Run: ${stageRunId}`);
  const tree = only(step.requests, "POST /git/trees").body as { tree: { path: string }[] };
  expect(tree.tree.map((entry) => entry.path)).toEqual(files);
}

/** The closed run's check run got `conclusion`; the next is queued as `QuantaPilot / <stage>` on `head`. */
function expectCheckRuns(
  step: StepOutcome,
  closed: number | null,
  conclusion: string,
  next?: { stage: string; head: string; externalId: string },
) {
  const completed = step.requests.find(
    (r) => r.method === "PATCH" && r.path === `/check-runs/${closed}`,
  );
  expect(completed?.body).toMatchObject({ status: "completed", conclusion });
  if (next === undefined) return;
  expect(only(step.requests, "POST /check-runs").body).toMatchObject({
    name: `QuantaPilot / ${next.stage}`,
    head_sha: next.head,
    status: "queued",
    external_id: next.externalId,
  });
}

/** The new head of the work branch on the simulated GitHub. */
function branchHead(life: Life, branch: string): string {
  return life.github.repo.head(branch).sha;
}

/** Run 1 (implement) writes the first try: the branch is created, the PR opened, `test` dispatched. */
async function implementFirstTry(life: Life, work: IssueWork) {
  const run = await startRun(life, work, 1);
  const ids = await threadIds(life, work.workItemId);
  const result = implemented(run.id, { [work.source.path]: work.source.first }, work.title);
  const step = await lifeStep(life, () => postResult(life, run.id, result));
  expect(step.queued[0]).toBe("write_result:done");
  const head = branchHead(life, work.branch);
  const pr = [...life.github.repo.pulls.values()].find((p) => p.head.ref === work.branch)?.number;
  expectRequests(step, [
    ...commitLines(work.branch, run.baseSha as string, false),
    "GET /pulls",
    "POST /pulls",
    ...handOverLines(run.checkRunId, head, work.issueNumber),
    `PATCH /issues/comments/${ids.statusComment}`,
    `PATCH /issues/${ids.dashboard}`,
  ]);
  expectCommit(step, run.baseSha as string, run.id, [work.source.path]);
  expect(only(step.requests, "POST /pulls").body).toMatchObject({
    head: work.branch,
    base: "main",
    title: work.title,
    body: `Implements ${work.title}.\n\nCloses #${work.issueNumber}`,
  });
  expectCheckRuns(step, run.checkRunId, "success", {
    stage: "test",
    head,
    externalId: `qp:${work.workItemId}:2`,
  });
  const next = await runRow(life, work.workItemId, 2);
  expectDispatch(step.requests, {
    stage_run_id: next.id,
    stage: "test",
    role: "qa",
    base_sha: head,
    work_branch: work.branch,
    iteration: 0,
  });
  expect(await itemRow(life, work.workItemId)).toMatchObject({
    stage: "test",
    state: "running",
    head_sha: head,
    pr_number: pr,
  });
  expect(await runStatuses(life, work.workItemId)).toEqual([
    "implement:succeeded",
    "test:dispatched",
  ]);
}

/** Run 2 (test) adds a test and fails the gate: back to `implement` (run 3) with the finding. */
async function testFailsTheGate(life: Life, work: IssueWork) {
  const run = await startRun(life, work, 2);
  const ids = await threadIds(life, work.workItemId);
  const pr = {
    title: work.title,
    body: `Implements ${work.title}.\n\nCloses #${work.issueNumber}`,
  };
  const result = testsFailed(
    run.id,
    { [work.test.path]: work.test.content },
    [work.test.finding],
    pr,
    work.source.path,
  );
  const step = await lifeStep(life, () => postResult(life, run.id, result));
  const head = branchHead(life, work.branch);
  expectRequests(step, [
    ...commitLines(work.branch, run.baseSha as string, true),
    "GET /pulls",
    ...handOverLines(run.checkRunId, head, work.issueNumber),
    `PATCH /issues/comments/${ids.statusComment}`,
    `PATCH /issues/${ids.dashboard}`,
  ]);
  expectCommit(step, run.baseSha as string, run.id, [work.test.path]);
  expectCheckRuns(step, run.checkRunId, "failure", {
    stage: "implement",
    head,
    externalId: `qp:${work.workItemId}:3`,
  });
  const next = await runRow(life, work.workItemId, 3);
  expectDispatch(step.requests, {
    stage_run_id: next.id,
    stage: "implement",
    base_sha: head,
    iteration: 1,
    prior_findings: expect.arrayContaining([
      { severity: "error", message: work.test.finding, path: work.source.path, line: 1 },
    ]),
  });
  expect(await itemRow(life, work.workItemId)).toMatchObject({
    stage: "implement",
    state: "running",
    iteration: 1,
    head_sha: head,
  });
  expect(await runStatuses(life, work.workItemId)).toEqual([
    "implement:succeeded",
    "test:succeeded",
    "implement:dispatched",
  ]);
}

/** Run 3 (implement, iteration 1) fixes it on the branch; `test` is dispatched again (run 4). */
async function implementTheFix(life: Life, work: IssueWork) {
  const run = await startRun(life, work, 3);
  const ids = await threadIds(life, work.workItemId);
  const result = implemented(run.id, { [work.source.path]: work.source.fixed }, work.title);
  const step = await lifeStep(life, () => postResult(life, run.id, result));
  const head = branchHead(life, work.branch);
  expectRequests(step, [
    ...commitLines(work.branch, run.baseSha as string, true),
    "GET /pulls",
    ...handOverLines(run.checkRunId, head, work.issueNumber),
    `PATCH /issues/comments/${ids.statusComment}`,
    `PATCH /issues/${ids.dashboard}`,
  ]);
  expectCommit(step, run.baseSha as string, run.id, [work.source.path]);
  expectCheckRuns(step, run.checkRunId, "success", {
    stage: "test",
    head,
    externalId: `qp:${work.workItemId}:4`,
  });
  const next = await runRow(life, work.workItemId, 4);
  expectDispatch(step.requests, {
    stage_run_id: next.id,
    stage: "test",
    base_sha: head,
    iteration: 1,
  });
  expect(await runStatuses(life, work.workItemId)).toEqual([
    "implement:succeeded",
    "test:succeeded",
    "implement:succeeded",
    "test:dispatched",
  ]);
}

/** Run 4 (test) passes the gate with nothing to write: `review` (run 5) is dispatched at once. */
async function testPasses(life: Life, work: IssueWork) {
  const run = await startRun(life, work, 4);
  const ids = await threadIds(life, work.workItemId);
  const step = await lifeStep(life, () => postResult(life, run.id, testsPassed(run.id)));
  const head = branchHead(life, work.branch);
  expect(step.queued[0]).toBe("complete_check_run:done");
  expectRequests(step, [
    ...handOverLines(run.checkRunId, head, work.issueNumber),
    `PATCH /issues/comments/${ids.statusComment}`,
    `PATCH /issues/${ids.dashboard}`,
  ]);
  expectCheckRuns(step, run.checkRunId, "success", {
    stage: "review",
    head,
    externalId: `qp:${work.workItemId}:5`,
  });
  const next = await runRow(life, work.workItemId, 5);
  expectDispatch(step.requests, {
    stage_run_id: next.id,
    stage: "review",
    role: "reviewer",
    base_sha: head,
  });
}

/** Run 5 (review) approves: the review is posted on the PR, and the item waits for a person. */
async function reviewApproves(life: Life, work: IssueWork, pr: number) {
  const run = await startRun(life, work, 5);
  const ids = await threadIds(life, work.workItemId);
  const step = await lifeStep(life, () => postResult(life, run.id, reviewApproved(run.id)));
  const head = branchHead(life, work.branch);
  expectRequests(step, [
    "GET /pulls",
    `GET /pulls/${pr}/reviews`,
    `POST /pulls/${pr}/reviews`,
    `PATCH /check-runs/${run.checkRunId}`,
    `PATCH /issues/comments/${ids.statusComment}`,
    `PATCH /issues/${ids.dashboard}`,
  ]);
  expect(only(step.requests, `POST /pulls/${pr}/reviews`).body).toMatchObject({
    event: "COMMENT",
    commit_id: head,
  });
  expectCheckRuns(step, run.checkRunId, "success");
  expect(await itemRow(life, work.workItemId)).toMatchObject({
    stage: "review",
    state: "awaiting_approval",
    head_sha: head,
    approved_sha: null,
  });
}

/** A person approves (review or `/approve`): the app squash-merges at the head and deletes the branch. */
async function approveAndMerge(life: Life, work: IssueWork, pr: number) {
  const ids = await threadIds(life, work.workItemId);
  const head = branchHead(life, work.branch);
  life.github.repo.permissions.set(work.approver, "write");
  const approve = () =>
    work.approveBy === "review"
      ? approveByReview(life, pr, work.approver)
      : comment(life, pr, "/approve", work.approver);
  // The approval's burst: what it does at once, before the dashboard's redraw is due.
  let burst: SentRequest[] = [];
  const step = await lifeStep(life, async () => {
    await approve();
    await life.work({ endBurst: false });
    burst = life.github.take().filter((r) => !r.path.endsWith("/access_tokens"));
  });
  const branchRef = `heads%2F${work.branch.replaceAll("/", "%2F")}`;
  // A command is acknowledged on its comment once its merge was tried: merged at
  // once, 👍 alone says received and done (a review gets no reaction).
  const reaction = `POST /issues/comments/${life.github.repo.lastCommentId}/reactions`;
  const reactions = work.approveBy === "comment" ? [reaction] : [];
  const expected = [
    `GET /collaborators/${work.approver}/permission`,
    `PUT /pulls/${pr}/merge`,
    `DELETE /git/refs/${branchRef}`,
    ...reactions,
    `PATCH /issues/comments/${ids.statusComment}`,
  ];
  // At most 4 REST calls per approval (the permission read aside, cached a minute):
  // the dashboard is not among them. What the merge starts next follows; the caller checks it.
  expect(lines(burst).slice(0, expected.length)).toEqual(expected);
  // The burst's end: one redraw of the dashboard for the approval, its merge and what it started.
  expectRequests(step, [`PATCH /issues/${ids.dashboard}`]);
  const reacted = burst.filter((r) => r.path.endsWith("/reactions")).map((r) => r.body);
  expect(reacted).toEqual(work.approveBy === "comment" ? [{ content: "+1" }] : []);
  expect(only(burst, `PUT /pulls/${pr}/merge`).body).toEqual({
    merge_method: "squash",
    sha: head,
  });
  expect(await itemRow(life, work.workItemId)).toMatchObject({ state: "done", approved_sha: head });
  return burst.slice(expected.length);
}

/**
 * The issue's whole work, asserting every request and row on the way:
 * implement → test fails the gate → implement with the finding → test passes
 * → review approves → a person approves → merged. Starts with run 1
 * dispatched; ends after GitHub's `pull_request.closed` (merged) changed nothing.
 * Returns the PR and the requests of what the merge started (none for a lone issue).
 */
export async function playIssueWork(life: Life, work: IssueWork) {
  await implementFirstTry(life, work);
  const pr = Number((await itemRow(life, work.workItemId))?.pr_number);
  await testFailsTheGate(life, work);
  await implementTheFix(life, work);
  await testPasses(life, work);
  await reviewApproves(life, work, pr);
  const afterMerge = await approveAndMerge(life, work, pr);
  const merged = await lifeStep(life, () => deliverMerged(life, pr));
  expect(merged).toEqual({ queued: [], requests: [] });
  expect(life.github.repo.filesOnDefaultBranch().get(work.source.path)).toBe(work.source.fixed);
  return { pr, afterMerge };
}
