/**
 * Where a case's CPU goes: `npx tsx bench/profile.ts [ingest|label|label-spread|bare] [requests]`
 * (`label`: stage labels on new issues of one project, case (e); `label-spread`:
 * of 50 projects in 50 installations, case (e')).
 * Profiles only the timed load (setup and warm-up excluded) with the V8
 * sampling profiler and prints self time by package and by function; the raw
 * profile is written to the temporary directory for Chrome DevTools.
 */
import { writeFile } from "node:fs/promises";
import { Session } from "node:inspector/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { githubAppCredentials } from "../test/helpers/github-app-credentials.js";
import { startThrowawayPostgres } from "../test/helpers/throwaway-postgres.js";
import { startBareProbot } from "./bare-probot.js";
import { discardLogger } from "./discard-logger.js";
import { startLocalGitHub } from "./local-github.js";
import { installationCreated, type SignedPayload } from "./payload.js";
import { type CpuProfile, summarizeProfile } from "./profile-summary.js";
import { startQuantaPilot } from "./quantapilot.js";
import { type PayloadFor, sender } from "./sender.js";
import { seedActiveProjects, stageLabelled } from "./stage-label.js";
import { Teardown } from "./teardown.js";

const CONCURRENCY = 50;
const WARMUP = 3000;

async function profile(which: string, requests: number, teardown: Teardown): Promise<void> {
  const credentials = githubAppCredentials();
  const log = discardLogger();
  const postgres = await startThrowawayPostgres({ durable: true });
  teardown.add("Postgres", postgres.stop);
  const github = await startLocalGitHub();
  teardown.add("local GitHub", github.stop);
  const server =
    which === "bare"
      ? await startBareProbot(credentials, log)
      : await startQuantaPilot(postgres.url, credentials, log, github.host);
  teardown.add(which, server.stop);
  const payload = installationCreated(credentials.webhookSecret);
  const target = { port: server.port, payload, concurrency: CONCURRENCY, budgetMs: 120_000 };
  const labels = which.startsWith("label")
    ? await labelsOn(
        postgres.url,
        credentials.webhookSecret,
        WARMUP + requests,
        which === "label" ? 1 : 50,
      )
    : undefined;
  const send = sender(target, (phase, i) => `${phase}-${i}`, labels);
  await send("warmup", WARMUP);
  const session = new Session();
  session.connect();
  await session.post("Profiler.enable");
  await session.post("Profiler.setSamplingInterval", { interval: 100 });
  await session.post("Profiler.start");
  const run = await send("profiled", requests);
  const { profile } = (await session.post("Profiler.stop")) as { profile: CpuProfile };
  session.disconnect();
  const path = join(tmpdir(), `quantapilot-${which}.cpuprofile`);
  await writeFile(path, JSON.stringify(profile));
  const perSecond = (run.latenciesMs.length / run.elapsedMs) * 1000;
  console.log(`${which}: ${run.latenciesMs.length} deliveries, ${perSecond.toFixed(0)} req/s`);
  console.log(JSON.stringify(run.outcomes));
  console.log(summarizeProfile(profile, run.latenciesMs.length));
  console.log(`profile: ${path}`);
}

/** Each delivery labels another new issue of active projects in turn, signed before the clock starts. */
async function labelsOn(
  databaseUrl: string,
  secret: string,
  count: number,
  projectCount: number,
): Promise<PayloadFor> {
  const projects = await seedActiveProjects(databaseUrl, projectCount);
  const signed = Array.from({ length: count }, (_, i) => {
    const project = projects[i % projects.length];
    if (!project) throw new Error("no project was seeded");
    return stageLabelled(secret, project, i + 1);
  });
  let next = 0;
  return () => signed[next++ % count] as SignedPayload;
}

const teardown = new Teardown();
try {
  await profile(process.argv[2] ?? "ingest", Number(process.argv[3] ?? 5000), teardown);
} finally {
  await teardown.run();
}
