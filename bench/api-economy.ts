import postgres from "postgres";
import { startLocalOidcIssuer } from "../test/helpers/local-oidc-issuer.js";
import { withDatabase } from "../test/helpers/with-database.js";
import { startFakeGitHub } from "../test/reliability/fake-github/fake-github.js";
import { reactTo } from "../test/reliability/life/github-reactions.js";
import { labelIssue } from "../test/reliability/life/human-steps.js";
import { planLife, seedLife } from "../test/reliability/life/life-plan.js";
import { AUDIENCE, startAppOnFake } from "../test/reliability/life/start-app-on-fake.js";
import {
  type ApprovalScenario,
  burstEnd,
  type Life,
  liveOneIssue,
  step,
} from "./api-economy-life.js";
import {
  type ApiEconomy,
  type ApprovalPathCost,
  type EconomyStep,
  summarizeApprovalPath,
  summarizeEconomy,
} from "./api-economy-report.js";
import { drainWithinBurst, endBurst } from "./api-economy-time.js";
import type { Teardown } from "./teardown.js";

/** The life the headline figures come from: `/approve` in a repository that keeps merged branches. */
const HEADLINE: ApprovalScenario = { byReview: false, deleteBranchOnMerge: false };
/** Every approval path, each in a life of its own. */
const SCENARIOS: ApprovalScenario[] = [
  HEADLINE,
  { byReview: false, deleteBranchOnMerge: true },
  { byReview: true, deleteBranchOnMerge: false },
  { byReview: true, deleteBranchOnMerge: true },
];

/**
 * Lives one issue from its label to its merge against a stateful GitHub on
 * 127.0.0.1 (the reliability suite's fake, which checks every request against
 * GitHub's OpenAPI description), one delivery at a time, performing all the
 * outbox's effects after each: the REST calls made in between are that
 * delivery's cost. Then every delivery of the life is sent again. Once per
 * approval path (review or `/approve`, with GitHub deleting merged head
 * branches or not); the headline figures are the `/approve` life's.
 */
export async function measureApiEconomy(
  clusterUrl: string,
  teardown: Teardown,
): Promise<ApiEconomy> {
  const approvalPaths: ApprovalPathCost[] = [];
  let headline: ApiEconomy | undefined;
  for (const [index, scenario] of SCENARIOS.entries()) {
    const measured = await measureLife(clusterUrl, teardown, scenario, `api_economy_${index}`);
    approvalPaths.push(summarizeApprovalPath(scenario, measured));
    if (scenario === HEADLINE) headline = measured;
  }
  if (!headline) throw new Error("the headline life was not measured");
  return { ...headline, approvalPaths };
}

async function measureLife(
  clusterUrl: string,
  teardown: Teardown,
  scenario: ApprovalScenario,
  databaseName: string,
): Promise<ApiEconomy> {
  const databaseUrl = await freshDatabase(clusterUrl, databaseName);
  const github = await startFakeGitHub();
  const stopGitHub = teardown.add("fake GitHub", github.close);
  const issuer = await startLocalOidcIssuer({ audience: AUDIENCE });
  const stopIssuer = teardown.add("OIDC issuer", issuer.close);
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
    scenario,
    drain: () => drainWithinBurst(sql, worker),
    endBurst: () => endBurst(sql, worker),
    react: (gh, event) => reactTo(gh, issuer, event),
  };
  const steps = await liveOneIssue(life, planned[0] ? labelIssue(planned[0]) : undefined);
  const redelivered: EconomyStep[] = [];
  for (const { delivery } of steps) if (delivery) redelivered.push(await step(life, delivery));
  redelivered.push(...(await burstEnd(life)));
  const [item] = await sql<{ state: string }[]>`SELECT state FROM work_items`;
  const economy = summarizeEconomy(steps, redelivered, item?.state ?? "none", github.problems);
  await stopSql();
  await stopApp();
  await stopIssuer();
  await stopGitHub();
  return economy;
}

/** A database of its own: the ingest cases leave onboarding effects that are not this life's. */
export async function freshDatabase(clusterUrl: string, name: string): Promise<string> {
  const admin = postgres(clusterUrl, { max: 1, onnotice: () => {} });
  try {
    await admin.unsafe(`DROP DATABASE IF EXISTS ${name}`);
    await admin.unsafe(`CREATE DATABASE ${name}`);
  } finally {
    await admin.end({ timeout: 5 });
  }
  return withDatabase(clusterUrl, name);
}
