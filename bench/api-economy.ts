import postgres, { type Sql } from "postgres";
import { startLocalOidcIssuer } from "../test/helpers/local-oidc-issuer.js";
import { withDatabase } from "../test/helpers/with-database.js";
import { type FakeGitHub, startFakeGitHub } from "../test/reliability/fake-github/fake-github.js";
import { drainOutbox } from "../test/reliability/life/drive-life.js";
import { reactTo } from "../test/reliability/life/github-reactions.js";
import { approve, awaitingApproval, labelIssue } from "../test/reliability/life/human-steps.js";
import { type LifeDelivery, sendDelivery } from "../test/reliability/life/life-delivery.js";
import { planLife, seedLife } from "../test/reliability/life/life-plan.js";
import { AUDIENCE, startAppOnFake } from "../test/reliability/life/start-app-on-fake.js";
import { type ApiEconomy, type EconomyStep, summarizeEconomy } from "./api-economy-report.js";
import type { Teardown } from "./teardown.js";

interface Life {
  github: FakeGitHub;
  appUrl: string;
  sql: Sql;
  drain(): Promise<void>;
  react(github: FakeGitHub, event: FakeGitHub["events"][number]): ReturnType<typeof reactTo>;
}

/**
 * Lives one issue from its label to its merge against a stateful GitHub on
 * 127.0.0.1 (the reliability suite's fake, which checks every request against
 * GitHub's OpenAPI description), one delivery at a time, performing all the
 * outbox's effects after each: the REST calls made in between are that
 * delivery's cost. Then every delivery of the life is sent again.
 */
export async function measureApiEconomy(
  clusterUrl: string,
  teardown: Teardown,
): Promise<ApiEconomy> {
  const databaseUrl = await freshDatabase(clusterUrl, "api_economy");
  const github = await startFakeGitHub();
  teardown.add("fake GitHub", github.close);
  const issuer = await startLocalOidcIssuer({ audience: AUDIENCE });
  teardown.add("OIDC issuer", issuer.close);
  const app = await startAppOnFake(databaseUrl, github, issuer);
  const stopApp = teardown.add("QuantaPilot (API economy)", app.stop);
  const sql = postgres(databaseUrl, { max: 2, onnotice: () => {} });
  const stopSql = teardown.add("economy sql", () => sql.end({ timeout: 5 }));
  const worker = app.server.worker;
  if (!worker) throw new Error("the server has no outbox worker");
  const planned = planLife(1, 1);
  await seedLife(sql, github, planned);
  const life: Life = {
    github,
    appUrl: app.url,
    sql,
    drain: () => drainOutbox(sql, worker),
    react: (gh, event) => reactTo(gh, issuer, event),
  };
  const steps = await liveOneIssue(life, planned[0] ? labelIssue(planned[0]) : undefined);
  const redelivered = await redeliverAll(life, steps);
  const [item] = await sql<{ state: string }[]>`SELECT state FROM work_items`;
  const economy = summarizeEconomy(steps, redelivered, item?.state ?? "none", github.problems);
  await stopSql();
  await stopApp();
  return economy;
}

/** A database of its own: the ingest cases leave onboarding effects that are not this life's. */
async function freshDatabase(clusterUrl: string, name: string): Promise<string> {
  const admin = postgres(clusterUrl, { max: 1, onnotice: () => {} });
  try {
    await admin.unsafe(`DROP DATABASE IF EXISTS ${name}`);
    await admin.unsafe(`CREATE DATABASE ${name}`);
  } finally {
    await admin.end({ timeout: 5 });
  }
  return withDatabase(clusterUrl, name);
}

/** Sends one delivery, performs what it queued, and returns the REST calls in between. */
async function step(life: Life, delivery: LifeDelivery): Promise<EconomyStep> {
  const before = life.github.seen.length;
  const answers: Record<string, number> = {};
  const status = await sendDelivery(life.github, life.appUrl, delivery, answers);
  await life.drain();
  const calls = life.github.seen.slice(before).map((seen) => `${seen.method} ${route(seen.path)}`);
  return { delivery, kind: await kindOf(life.sql, delivery), status, calls };
}

async function liveOneIssue(life: Life, first: LifeDelivery | undefined): Promise<EconomyStep[]> {
  const steps: EconomyStep[] = [];
  const queue = first ? [first] : [];
  const afterwards: LifeDelivery[] = [];
  const approved = new Set<string>();
  for (let guard = 0; guard < 100; guard++) {
    const next = queue.shift() ?? afterwards.shift() ?? (await approval(life, approved));
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

/** The maintainer's `/approve` comment once the work item waits for it, at most once per head. */
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
  return approve(place, item.pr_number, item.head_sha, false);
}

async function redeliverAll(life: Life, steps: EconomyStep[]): Promise<EconomyStep[]> {
  const again: EconomyStep[] = [];
  for (const { delivery } of steps) again.push(await step(life, delivery));
  return again;
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
