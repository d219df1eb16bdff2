import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { aStageResult } from "../fixtures/stage-result.js";
import { expectDispatch, lines, only } from "./life/expectations.js";
import { comment, deliverInProgress, deliverMerged } from "./life/github-side.js";
import { type IssueWork, playIssueWork } from "./life/issue-work.js";
import { type Life, startLife } from "./life/life-bed.js";
import { itemRow, runRow, runStatuses, threadIds } from "./life/life-rows.js";
import { expectRequests, lifeStep } from "./life/life-step.js";
import { postResult } from "./life/stage-results.js";
import { example, LIFE_INSTALLATION } from "./life/webhook-payloads.js";

const PLAN = [
  "# Plan",
  "",
  "## Milestone 1: Greet by name",
  "",
  "### Acceptance criteria",
  "",
  "- `hello Ada` prints `Hello, Ada!`",
  "",
  "## Milestone 2: Say goodbye",
  "",
  "### Acceptance criteria",
  "",
  "- `hello --bye Ada` prints `Goodbye, Ada!`",
  "",
].join("\n");

const file = (path: string, content: string) => ({
  path,
  action: "upsert" as const,
  encoding: "utf8" as const,
  content,
});

/**
 * The GitHub side of a milestone's start: its check run, its dispatch, its
 * status comment. It is in the burst of the merge that started it, so the
 * dashboard is redrawn once, at the burst's end.
 */
function milestoneStartLines(issue: number): string[] {
  return [
    "GET /git/ref/heads%2Fmain",
    "POST /check-runs",
    "GET /git/ref/heads%2Fmain",
    `GET /issues/${issue}`,
    "POST /actions/workflows/quantapilot.yml/dispatches",
    `GET /issues/${issue}/comments`,
    `POST /issues/${issue}/comments`,
  ];
}

describe("a whole life: a repository with a README, to its release", () => {
  let life: Life;
  let dashboard = 0;
  let kickoffId = 0;
  beforeAll(async () => {
    life = await startLife();
  });
  afterAll(() => life.close());

  const milestone = async (index: number) => {
    const [row] = await life.db.sql<{ id: string; issue_number: number; branch: string }[]>`
      SELECT id, issue_number, branch FROM work_items WHERE milestone_index = ${index}`;
    return {
      workItemId: Number(row?.id),
      issueNumber: Number(row?.issue_number),
      branch: String(row?.branch),
    };
  };

  it("repository.created: the onboarding PR adds the stage workflow and the default config", async () => {
    const root = life.github.repo.head().sha;
    const created = { ...example("repository", "created"), installation: LIFE_INSTALLATION };
    const step = await lifeStep(life, () => life.deliver("repository", created));
    expect(step.queued).toEqual(["open_onboarding_pr:done"]);
    expectRequests(step, [
      "GET /",
      "GET /contents/.github%2Fworkflows%2Fquantapilot.yml",
      "GET /contents/.github%2Fquantapilot.yml",
      "GET /pulls",
      "GET /git/ref/heads%2Fquantapilot%2Fonboarding",
      "GET /git/ref/heads%2Fmain",
      `GET /git/commits/${root}`,
      "POST /git/trees",
      "POST /git/commits",
      "POST /git/refs",
      "POST /pulls",
    ]);
    const tree = only(step.requests, "POST /git/trees").body as { tree: { path: string }[] };
    expect(tree.tree.map((entry) => entry.path)).toEqual([
      ".github/workflows/quantapilot.yml",
      ".github/quantapilot.yml",
    ]);
    expect(only(step.requests, "POST /pulls").body).toMatchObject({
      head: "quantapilot/onboarding",
      base: "main",
    });
    const [project] = await life.db.sql`SELECT status, onboarding_pr FROM projects`;
    expect(project).toEqual({ status: "onboarding", onboarding_pr: 1 });
  });

  it("the onboarding PR merged: the project is active and the kickoff's plan is dispatched with a valid spec", async () => {
    const merge = life.github.repo.mergeByPerson(1);
    const step = await lifeStep(life, () => deliverMerged(life, 1));
    expect(step.queued).toEqual([
      "check_kickoff:done",
      "create_check_run:done",
      "dispatch_stage:done",
      "update_status_comment:done",
      "update_dashboard:done",
    ]);
    expectRequests(step, [
      "GET /readme",
      "GET /contents/docs%2FPLAN.md",
      "GET /git/ref/heads%2Fmain",
      "POST /check-runs",
      "GET /git/ref/heads%2Fmain",
      "GET /readme",
      "POST /actions/workflows/quantapilot.yml/dispatches",
      "GET /issues",
      "POST /issues",
    ]);
    dashboard = (await life.db.sql`SELECT dashboard_issue_number AS n FROM projects`)[0]?.n;
    expect(dashboard).toBe(2);
    const [item] = await life.db.sql`SELECT id FROM work_items WHERE kind = 'kickoff'`;
    kickoffId = Number(item?.id);
    const run = await runRow(life, kickoffId, 1);
    expectDispatch(step.requests, {
      stage_run_id: run.id,
      stage: "plan",
      role: "architect",
      base_sha: merge,
      work_item: expect.objectContaining({ kind: "kickoff" }),
      task: expect.stringContaining("command-line greeter"),
    });
    expect((await life.db.sql`SELECT status FROM projects`)[0]?.status).toBe("active");
    expect(await itemRow(life, kickoffId)).toMatchObject({
      kind: "kickoff",
      stage: "plan",
      state: "running",
    });
  });

  it("the plan's result is committed and its PR opened; the kickoff waits for a person", async () => {
    const run = await runRow(life, kickoffId, 1);
    const started = await lifeStep(life, () => deliverInProgress(life, run.id));
    // The dashboard shows nothing a job's start changes: it is not written again.
    expectRequests(started, [`PATCH /check-runs/${run.checkRunId}`]);
    const result = aStageResult({
      stage_run_id: run.id,
      reason: "Planned two milestones.",
      changes: [
        file("docs/PLAN.md", PLAN),
        file("docs/ARCHITECTURE.md", "# Architecture\n"),
        file("AGENTS.md", "# Conventions\n"),
      ],
      commit_message: "Plan Hello-World",
      pr: { title: "Plan: Hello-World", body: "The architecture, the plan and the conventions." },
      prompt_versions: { architect: "1" },
    });
    const step = await lifeStep(life, () => postResult(life, run.id, result));
    const branch = String((await itemRow(life, kickoffId))?.branch);
    const ref = `heads%2F${branch.replaceAll("/", "%2F")}`;
    expectRequests(step, [
      `GET /git/ref/${ref}`,
      `GET /git/commits/${run.baseSha}`,
      "POST /git/trees",
      "POST /git/commits",
      "POST /git/refs",
      "GET /pulls",
      "POST /pulls",
      `PATCH /check-runs/${run.checkRunId}`,
      "GET /issues/3/comments",
      "POST /issues/3/comments",
      `PATCH /issues/${dashboard}`,
    ]);
    expect(only(step.requests, "POST /pulls").body).toMatchObject({
      title: "Plan: Hello-World",
      head: branch,
    });
    expect(await itemRow(life, kickoffId)).toMatchObject({
      state: "awaiting_approval",
      pr_number: 3,
    });
  });

  it("/approve on the plan's PR: merged, one issue per milestone, the first milestone started", async () => {
    life.github.repo.permissions.set("owner-one", "admin");
    const step = await lifeStep(life, () => comment(life, 3, "/approve", "owner-one"));
    const { statusComment } = await threadIds(life, kickoffId);
    const first = milestoneStartLines(4);
    expect(lines(step.requests)).toEqual([
      "GET /collaborators/owner-one/permission",
      "PUT /pulls/3/merge",
      "DELETE /git/refs/heads%2Fquantapilot%2Fkickoff-hello-world",
      // The status comment and dashboard redraws queued by the merge are
      // superseded by later ones in the same drain: each is drawn once, last.
      // Merged at once: 👍 alone says received and done.
      `POST /issues/comments/${life.github.repo.lastCommentId}/reactions`,
      "GET /contents/docs%2FPLAN.md",
      "GET /issues",
      "POST /issues",
      "POST /issues",
      `PATCH /issues/comments/${statusComment}`,
      ...first,
      `PATCH /issues/${dashboard}`,
    ]);
    const issues = step.requests.filter((r) => `${r.method} ${r.path}` === "POST /issues");
    expect(issues.map((r) => (r.body as { title: string }).title)).toEqual([
      "Milestone 1: Greet by name",
      "Milestone 2: Say goodbye",
    ]);
    expect(life.github.repo.filesOnDefaultBranch().get("docs/PLAN.md")).toBe(PLAN);
    const items = await life.db.sql`
      SELECT kind, issue_number, milestone_index, stage, state FROM work_items ORDER BY id`;
    expect(items).toEqual([
      { kind: "kickoff", issue_number: null, milestone_index: null, stage: "plan", state: "done" },
      { kind: "issue", issue_number: 4, milestone_index: 1, stage: "implement", state: "running" },
      { kind: "issue", issue_number: 5, milestone_index: 2, stage: "implement", state: "queued" },
    ]);
    const m1 = await milestone(1);
    expectDispatch(step.requests, {
      stage: "implement",
      work_item: expect.objectContaining({ number: 4 }),
    });
    expect(await runStatuses(life, m1.workItemId)).toEqual(["implement:dispatched"]);
  });

  const work = (
    m: { workItemId: number; issueNumber: number; branch: string },
    n: number,
  ): IssueWork => ({
    ...m,
    title: n === 1 ? "Milestone 1: Greet by name" : "Milestone 2: Say goodbye",
    source: {
      path: `src/m${n}.ts`,
      first: "export const ok = false;\n",
      fixed: "export const ok = true;\n",
    },
    test: {
      path: `test/m${n}.test.ts`,
      content: "expect(ok).toBe(true);\n",
      finding: "ok is false",
    },
    approver: `approver-${n}`,
    approveBy: n === 1 ? "review" : "comment",
  });

  it("milestone 1: implement → test fails → implement with the finding → test passes → review → approval → merge; milestone 2 starts", async () => {
    const { afterMerge } = await playIssueWork(life, work(await milestone(1), 1));
    const m2 = await milestone(2);
    expect(lines(afterMerge)).toEqual(milestoneStartLines(m2.issueNumber));
    expect(await runStatuses(life, m2.workItemId)).toEqual(["implement:dispatched"]);
  });

  it("milestone 2, the last: the same way through; the release starts", async () => {
    const { afterMerge } = await playIssueWork(life, work(await milestone(2), 2));
    const [release] = await life.db
      .sql`SELECT id, kind, stage, state FROM work_items WHERE kind = 'release'`;
    expect(release).toMatchObject({ kind: "release", stage: "release", state: "running" });
    const head = life.github.repo.head().sha;
    // A release has no issue: its task is the README, its status shows on the dashboard only.
    expect(lines(afterMerge)).toEqual([
      "GET /git/ref/heads%2Fmain",
      "POST /check-runs",
      "GET /git/ref/heads%2Fmain",
      "GET /readme",
      "POST /actions/workflows/quantapilot.yml/dispatches",
    ]);
    const run = await runRow(life, Number(release?.id), 1);
    expectDispatch(afterMerge, {
      stage_run_id: run.id,
      stage: "release",
      role: "devops",
      base_sha: head,
    });
  });

  it("the release: its changelog committed and merged, the tag and GitHub release published once", async () => {
    const [release] = await life.db.sql`SELECT id FROM work_items WHERE kind = 'release'`;
    const releaseId = Number(release?.id);
    const run = await runRow(life, releaseId, 1);
    const started = await lifeStep(life, () => deliverInProgress(life, run.id));
    // The dashboard shows nothing a job's start changes: it is not written again.
    expectRequests(started, [`PATCH /check-runs/${run.checkRunId}`]);
    const result = aStageResult({
      stage_run_id: run.id,
      reason: "Wrote the changelog for v0.1.0.",
      changes: [
        file("CHANGELOG.md", "# Changelog\n\n## v0.1.0\n\n- Greet by name\n- Say goodbye\n"),
      ],
      commit_message: "Release v0.1.0",
      pr: { title: "v0.1.0", body: "- Greet by name\n- Say goodbye" },
      prompt_versions: { devops: "1" },
    });
    const step = await lifeStep(life, () => postResult(life, run.id, result));
    const branch = String((await itemRow(life, releaseId))?.branch);
    const ref = `heads%2F${branch.replaceAll("/", "%2F")}`;
    const pr = [...life.github.repo.pulls.values()].find((p) => p.head.ref === branch);
    // No human gate on release: written, merged at its head, then tagged and published.
    expectRequests(step, [
      `GET /git/ref/${ref}`,
      `GET /git/commits/${run.baseSha}`,
      "POST /git/trees",
      "POST /git/commits",
      "POST /git/refs",
      "GET /pulls",
      "POST /pulls",
      `PATCH /check-runs/${run.checkRunId}`,
      `PUT /pulls/${pr?.number}/merge`,
      `DELETE /git/refs/${ref}`,
      "GET /releases",
      "POST /releases",
      // The status comment is drawn once, after the release: earlier redraws were superseded.
      `GET /issues/${pr?.number}/comments`,
      `POST /issues/${pr?.number}/comments`,
      `PATCH /issues/${dashboard}`,
    ]);
    const merged = life.github.repo.head().sha;
    expect(only(step.requests, "POST /releases").body).toMatchObject({
      tag_name: "v0.1.0",
      target_commitish: merged,
      name: "v0.1.0",
      body: expect.stringContaining("- Greet by name\n- Say goodbye"),
    });
    expect(await itemRow(life, releaseId)).toMatchObject({ kind: "release", state: "done" });
    expect(life.github.repo.filesOnDefaultBranch().get("CHANGELOG.md")).toContain("## v0.1.0");
    const merge = await lifeStep(life, () => deliverMerged(life, Number(pr?.number)));
    expect(merge).toEqual({ queued: [], requests: [] });
    expect(life.github.repo.releases).toHaveLength(1);
    const states = await life.db.sql`SELECT kind, state FROM work_items ORDER BY id`;
    expect(states.map((row) => `${row.kind}:${row.state}`)).toEqual([
      "kickoff:done",
      "issue:done",
      "issue:done",
      "release:done",
    ]);
  });
});
