import type { Sql } from "postgres";
import type { FakeGitHub } from "../fake-github/fake-github.js";
import { type FakeRepo, hashOf } from "../fake-github/fake-repo.js";
import { markerOf } from "../fake-github/fake-route.js";

/**
 * The state a life ends in, with what legitimately depends on arrival order
 * taken out: database ids (work items, stage runs, workflow runs), PR numbers
 * (issue numbering is shared with PRs) and commit SHAs (a commit message
 * names its stage run id) are replaced by what they stand for — the issue,
 * the run number, the head branch, the tree a commit holds. Timestamps and
 * reply texts (a `/status` answer describes the moment) are left out.
 */
export async function projectState(sql: Sql, github: FakeGitHub) {
  const repoOf = (owner: string, name: string) =>
    github.repos().find((r) => r.fullName === `${owner}/${name}`) as FakeRepo;
  const treeOf = (repo: FakeRepo, sha: string | null) =>
    sha === null ? null : (repo.commits.get(sha)?.tree ?? `unknown ${sha}`);
  const items = await sql<
    {
      id: string;
      owner: string;
      name: string;
      issue_number: number;
      stage: string;
      state: string;
      branch: string;
      head_sha: string | null;
      approved_sha: string | null;
      pr_number: number | null;
      last_run_number: number;
    }[]
  >`
    SELECT w.id, p.owner, p.name, w.issue_number, w.stage, w.state, w.branch, w.head_sha, w.approved_sha, w.pr_number, w.last_run_number
    FROM work_items w JOIN projects p ON p.id = w.project_id ORDER BY p.owner, w.issue_number`;
  const issueOf = new Map(items.map((i) => [i.id, `${i.owner}/${i.name}#${i.issue_number}`]));
  const workItems = items.map((i) => {
    const repo = repoOf(i.owner, i.name);
    const pr = i.pr_number === null ? null : repo.pulls.get(i.pr_number);
    return {
      issue: `${i.owner}/${i.name}#${i.issue_number}`,
      ...{ stage: i.stage, state: i.state, branch: i.branch, runs: i.last_run_number },
      head: treeOf(repo, i.head_sha),
      approved: treeOf(repo, i.approved_sha),
      pr: pr ? { head: pr.head, state: pr.state, merged: pr.merged } : null,
    };
  });
  const runs = await sql`
    SELECT w.id AS item, r.run_number, r.stage, r.status, r.result IS NOT NULL AS has_result
    FROM stage_runs r JOIN work_items w ON w.id = r.work_item_id ORDER BY w.id, r.run_number`;
  // An approval names the head it approves: a commit SHA, which differs with arrival order.
  const decisions = await sql`
    SELECT work_item_id AS item, command, regexp_replace(args, '[0-9a-f]{40}', '<sha>', 'g') AS args,
      actor_login, source, accepted, count(*)::int AS n
    FROM decisions GROUP BY 1, 2, 3, 4, 5, 6`;
  const deliveries =
    await sql`SELECT event, action, status, count(*)::int AS n FROM deliveries GROUP BY 1, 2, 3`;
  // How many effects were queued depends on order (a job's start reported after its result
  // queues no start); what must hold is that every one was performed.
  const outbox = await sql`SELECT DISTINCT status FROM outbox`;
  const byIssue = <T extends { item: string }>(rows: T[]) =>
    rows.map(({ item, ...rest }) => ({ issue: issueOf.get(String(item)), ...rest })).sort(byJson);
  return {
    workItems,
    stageRuns: byIssue(runs as unknown as { item: string }[]),
    decisions: byIssue(decisions as unknown as { item: string }[]),
    deliveries: [...deliveries].sort(byJson),
    outbox: outbox.map((row) => row.status),
    github: github.repos().map((repo) => projectRepo(repo, issueOf)),
  };
}

function projectRepo(repo: FakeRepo, issueOf: Map<string, string | undefined>) {
  const external = (id: string) => {
    const [, item, run] = id.split(":");
    return `${issueOf.get(String(item))} run ${run}`;
  };
  const comments = new Map<string, number>();
  for (const c of repo.comments.values()) {
    const kind = `#${c.issue} ${markerOf(c.body)?.split(":")[1] ?? "plain"}`;
    comments.set(kind, (comments.get(kind) ?? 0) + 1);
  }
  return {
    repo: repo.fullName,
    main: repo.commits.get(repo.refs.get("heads/main") ?? "")?.tree,
    branches: [...repo.refs.keys()].sort(),
    pulls: [...repo.pulls.values()]
      .map((p) => ({
        head: p.head,
        state: p.state,
        merged: p.merged,
        title: p.title,
        reviews: repo.reviews.get(p.number)?.length ?? 0,
      }))
      .sort(byJson),
    checkRuns: [...repo.checkRuns.values()]
      .map((c) => ({
        run: `${c.name} ${external(c.externalId)}`,
        status: c.status,
        conclusion: c.conclusion,
      }))
      .sort(byJson),
    comments: [...comments.entries()].sort(),
    workflowRuns: repo.workflowRuns.length,
    files: hashOf(repo.trees.get(repo.commits.get(repo.refs.get("heads/main") ?? "")?.tree ?? "")),
  };
}

function byJson(a: unknown, b: unknown): number {
  return JSON.stringify(a).localeCompare(JSON.stringify(b));
}
