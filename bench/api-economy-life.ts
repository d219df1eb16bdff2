import type { Sql } from "postgres";
import type { FakeGitHub } from "../test/reliability/fake-github/fake-github.js";
import type { reactTo } from "../test/reliability/life/github-reactions.js";
import { approve, awaitingApproval } from "../test/reliability/life/human-steps.js";
import { type LifeDelivery, sendDelivery } from "../test/reliability/life/life-delivery.js";
import type { EconomyStep } from "./api-economy-report.js";
import { startsBurst } from "./api-economy-time.js";

/** What the dashboard's redraw at a burst's end is called in the report. */
export const BURST_REDRAW = "dashboard redraw (a burst's end)";

/** How the maintainer approves, and whether the repository deletes merged head branches itself. */
export interface ApprovalScenario {
  byReview: boolean;
  deleteBranchOnMerge: boolean;
}

export interface Life {
  github: FakeGitHub;
  appUrl: string;
  sql: Sql;
  scenario: ApprovalScenario;
  /** Performs what is due within the current burst (the dashboard's redraw waits). */
  drain(): Promise<void>;
  /** Time passes beyond the burst: the waiting dashboard redraw is performed. */
  endBurst(): Promise<void>;
  react(github: FakeGitHub, event: FakeGitHub["events"][number]): ReturnType<typeof reactTo>;
}

/**
 * The repository's setting as GitHub reports it: in a pull request's base
 * repository (what `@octokit/webhooks-examples` shows for pull request and
 * review events; their own value is `false`).
 */
function withRepositorySetting(delivery: LifeDelivery, on: boolean): LifeDelivery {
  if (delivery.kind !== "webhook") return delivery;
  const pull = delivery.hook.payload.pull_request as
    | { base?: { repo?: Record<string, unknown> } }
    | undefined;
  if (pull?.base?.repo) pull.base.repo.delete_branch_on_merge = on;
  return delivery;
}

/** Sends one delivery, performs what it queued, and returns the REST calls in between. */
export async function step(life: Life, delivery: LifeDelivery): Promise<EconomyStep> {
  const before = life.github.seen.length;
  const sent = withRepositorySetting(delivery, life.scenario.deleteBranchOnMerge);
  const status = await sendDelivery(life.github, life.appUrl, sent, {});
  await life.drain();
  const calls = callsSince(life, before);
  return { delivery, kind: await kindOf(life.sql, delivery), status, calls };
}

/**
 * The dashboard's redraw once the burst is over, as a step of its own (none
 * when nothing waited): the one edit every transition of the burst shares.
 */
export async function burstEnd(life: Life): Promise<EconomyStep[]> {
  const before = life.github.seen.length;
  await life.endBurst();
  const calls = callsSince(life, before);
  return calls.length ? [{ kind: BURST_REDRAW, status: 0, calls }] : [];
}

function callsSince(life: Life, before: number): string[] {
  return life.github.seen.slice(before).map((seen) => `${seen.method} ${route(seen.path)}`);
}

/**
 * Lives the issue from `first` on: each delivery, then what GitHub sends back
 * because of it. A delivery that comes long after the one before it ends the
 * burst first (see `startsBurst`), and so does the end of the life.
 */
export async function liveOneIssue(
  life: Life,
  first: LifeDelivery | undefined,
): Promise<EconomyStep[]> {
  const steps: EconomyStep[] = [];
  const queue = first ? [first] : [];
  const afterwards: LifeDelivery[] = [];
  const approved = new Set<string>();
  for (let guard = 0; guard < 100; guard++) {
    const next = queue.shift() ?? afterwards.shift() ?? (await approval(life, approved));
    if (!next || startsBurst(next)) steps.push(...(await burstEnd(life)));
    if (!next) return steps;
    steps.push(await step(life, next));
    for (const event of life.github.events.splice(0)) {
      const { now, after } = await life.react(life.github, event);
      queue.push(...now);
      afterwards.push(...after);
    }
  }
  throw new Error("the benchmark's life did not end within 100 deliveries");
}

/** The maintainer's approval once the work item waits for it, at most once per head. */
async function approval(life: Life, approved: Set<string>): Promise<LifeDelivery | undefined> {
  const [item] = await awaitingApproval(life.sql);
  if (!item || approved.has(item.head_sha)) return undefined;
  approved.add(item.head_sha);
  const repo = life.github.repos().find((r) => r.id === Number(item.repo_id));
  if (!repo) return undefined;
  const place = {
    installationId: repo.installationId,
    repoId: repo.id,
    owner: repo.owner,
    name: repo.name,
  };
  return approve(place, item.pr_number, item.head_sha, life.scenario.byReview);
}

/** What a delivery is, in the words of a pipeline transition. */
async function kindOf(sql: Sql, delivery: LifeDelivery): Promise<string> {
  if (delivery.kind === "result") {
    const [run] = await sql<
      { stage: string }[]
    >`SELECT stage FROM stage_runs WHERE id = ${delivery.stageRunId}`;
    return `stage result (${run?.stage ?? "?"})`;
  }
  const { event, payload } = delivery.hook;
  const action = typeof payload.action === "string" ? payload.action : "";
  const body = (payload.comment as { body?: unknown } | undefined)?.body;
  if (event === "issue_comment" && typeof body === "string" && body.startsWith("/approve")) {
    return "approval (/approve comment)";
  }
  const review = (payload.review as { state?: unknown } | undefined)?.state;
  if (event === "pull_request_review" && review === "approved") return "approval (review)";
  return `${event}.${action}`;
}

/** `/repos/o/r/check-runs/12` → `/repos/{owner}/{repo}/check-runs/{n}`. */
function route(path: string): string {
  return path
    .replace(/^\/repos\/[^/]+\/[^/]+/, "/repos/{owner}/{repo}")
    .replace(/\/[0-9a-f]{40}(?=\/|$)/g, "/{sha}")
    .replace(/\/\d+(?=\/|$)/g, "/{n}")
    .replace(/\/git\/(ref|refs)\/.+$/, "/git/$1/{ref}");
}
