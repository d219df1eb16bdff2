/**
 * Ingest throughput against bare Probot, in one run on one machine, so the
 * ratio is meaningful even where the absolute figures are not (DESIGN §7);
 * then the GitHub API economy: REST calls per transition of one issue's life.
 * Everything is started here and torn down here; nothing listens beyond 127.0.0.1.
 */
import { cpus, loadavg } from "node:os";
import type { Logger } from "pino";
import { githubAppCredentials } from "../test/helpers/github-app-credentials.js";
import { startThrowawayPostgres } from "../test/helpers/throwaway-postgres.js";
import { runActionBench } from "./action-bench.js";
import { freshDatabase, measureApiEconomy } from "./api-economy.js";
import { runApiEconomyBench } from "./api-economy-bench.js";
import { type Credentials, startBareProbot } from "./bare-probot.js";
import { caseResults } from "./case-results.js";
import { cpuSince, readCpu } from "./cpu-meter.js";
import { discardLogger } from "./discard-logger.js";
import { startLocalGitHub } from "./local-github.js";
import {
  checkSuiteRequested,
  distinctInstallations,
  installationCreated,
  type SignedPayload,
} from "./payload.js";
import { postgresInfo, postgresPids } from "./postgres-info.js";
import { startQuantaPilot } from "./quantapilot.js";
import { type BenchResults, formatReport, writeResults } from "./report.js";
import { countRoundTrips } from "./round-trips.js";
import { type RoundCase, runRounds } from "./rounds.js";
import { type IdFor, type PayloadFor, type SendFn, sender, type Target } from "./sender.js";
import { type LabelProject, seedActiveProjects, stageLabelled } from "./stage-label.js";
import { Teardown } from "./teardown.js";

/** 5 interleaved rounds of 600 = 3,000 timed deliveries per case. */
const LOAD = { warmup: 200, rounds: 5, requestsPerRound: 600, concurrency: 50 };
/**
 * Sent to each server before anything is timed. Client and servers share this
 * process, so the first case would otherwise pay for JIT-compiling the HTTP
 * client and parser on behalf of all the others.
 */
const PROCESS_WARMUP = 2000;
/** Per load run; at the slowest plausible rate a run needs well under this. */
const RUN_BUDGET_MS = 60_000;
/** The whole bench: past this it tears down and exits, whatever it was doing. */
const WATCHDOG_MS = 10 * 60_000;
const COUNTED_DELIVERIES = 500;
const RESULTS_PATH = new URL("./results/latest.json", import.meta.url).pathname;

const LABELS: Record<string, string> = {
  "bare-probot": "(a) bare Probot, no-op handler",
  ingest: "(b) ingest, unique ids",
  "ingest-spread": "(b') ingest, unique ids, one installation each",
  duplicate: "(c) duplicate, ids of (b) re-sent",
  "hot-duplicate": "(c') duplicate, one id from every client at once",
  ignored: "(d) ignored event (check_suite), unique ids",
  "stage-label": "(e) stage label: a transition + its outbox rows, one project",
  "stage-label-spread": "(e') stage label, 50 projects in 50 installations",
};

/** The one answer each case must get: a ratio of failures measures nothing. */
const EXPECTED_ANSWER: Record<string, string> = {
  "bare-probot": "200 ok",
  ingest: "200 processed",
  "ingest-spread": "200 processed",
  duplicate: "200 duplicate",
  "hot-duplicate": "200 duplicate",
  ignored: "200 ignored",
  "stage-label": "200 processed",
  "stage-label-spread": "200 processed",
};

/** Projects (one installation each) the stage-label cases label issues in. */
const LABEL_PROJECTS = 50;

interface Setup {
  credentials: Credentials;
  githubHost: string;
  payload: SignedPayload;
  log: Logger;
  teardown: Teardown;
}

function target(setup: Setup, port: number): Target {
  return { port, payload: setup.payload, concurrency: LOAD.concurrency, budgetMs: RUN_BUDGET_MS };
}

/**
 * (b') is (b) with another installation and repository each time, so its
 * transactions never wait on each other's row locks: (b) minus (b') is
 * the cost of every delivery upserting the same two rows.
 */
function spreadPayloads(setup: Setup): PayloadFor {
  const phases = ["warmup", ...Array.from({ length: LOAD.rounds }, (_, r) => `r${r}`)];
  const perPhase = Math.max(LOAD.warmup, LOAD.requestsPerRound);
  const keys = phases.flatMap((phase) =>
    Array.from({ length: perPhase }, (_, i) => `${phase}-${i}`),
  );
  const payloads = distinctInstallations(setup.credentials.webhookSecret, keys);
  return (phase, index) => payloads.get(`${phase}-${index}`) ?? setup.payload;
}

/**
 * Each (e) delivery labels another issue, so each starts a work item: a
 * transition, its stage run and outbox rows, and the labeller's permission
 * asked of the local GitHub once a minute. Signed before the clock starts.
 */
function labelPayloads(setup: Setup, projects: LabelProject[], spread: boolean): PayloadFor {
  const phases = ["", "warmup", ...Array.from({ length: LOAD.rounds }, (_, r) => `r${r}`)];
  const perPhase = Math.max(PROCESS_WARMUP, LOAD.warmup, LOAD.requestsPerRound);
  const secret = setup.credentials.webhookSecret;
  const payloads = new Map<string, SignedPayload>();
  let issue = spread ? 1_000_000 : 0;
  for (const phase of phases) {
    for (let i = 0; i < perPhase; i++) {
      const project = projects[spread ? i % projects.length : 0];
      if (project) payloads.set(`${phase}-${i}`, stageLabelled(secret, project, ++issue));
    }
  }
  return (phase, index) => payloads.get(`${phase}-${index}`) ?? setup.payload;
}

/**
 * (c) re-sends exactly the ids (b) processed in the same phase, which always
 * runs just before it; (c') sends one processed id from every client at once,
 * so the copies queue on that row's lock.
 */
function benchCases(setup: Setup, barePort: number, ingestPort: number, labels: LabelServer) {
  const bare = target(setup, barePort);
  const ingest = target(setup, ingestPort);
  const labelled = target(setup, labels.port);
  const unique: IdFor = (phase, index) => `ingest-${phase}-${index}`;
  const spread: IdFor = (phase, index) => `spread-${phase}-${index}`;
  const ignored = checkSuiteRequested(setup.credentials.webhookSecret);
  return [
    { id: "bare-probot", send: sender(bare, (phase, i) => `bare-${phase}-${i}`) },
    { id: "ingest", send: sender(ingest, unique) },
    { id: "ingest-spread", send: sender(ingest, spread, spreadPayloads(setup)) },
    { id: "duplicate", send: sender(ingest, unique) },
    { id: "hot-duplicate", send: sender(ingest, () => unique("warmup", 0)) },
    {
      id: "ignored",
      send: sender(
        ingest,
        (phase, i) => `ignored-${phase}-${i}`,
        () => ignored,
      ),
    },
    {
      id: "stage-label",
      send: sender(labelled, (phase, i) => `label-${phase}-${i}`, labels.single),
    },
    {
      id: "stage-label-spread",
      send: sender(labelled, (phase, i) => `label-spread-${phase}-${i}`, labels.spread),
    },
  ];
}

interface LabelServer {
  port: number;
  single: PayloadFor;
  spread: PayloadFor;
}

/** Labels on new issues of one project, signed as they are asked for (the wire count is not timed). */
async function labelPayloadsOnOne(setup: Setup, databaseUrl: string): Promise<PayloadFor> {
  const [project] = await seedActiveProjects(databaseUrl, 1);
  if (!project) throw new Error("no project was seeded");
  const byKey = new Map<string, SignedPayload>();
  return (phase, index) => {
    const key = `${phase}-${index}`;
    const payload =
      byKey.get(key) ?? stageLabelled(setup.credentials.webhookSecret, project, byKey.size + 1);
    byKey.set(key, payload);
    return payload;
  };
}

/**
 * The stage-label cases' server: a database of its own with active projects.
 */
async function startLabelServer(setup: Setup, clusterUrl: string) {
  const databaseUrl = await freshDatabase(clusterUrl, "bench_labels");
  const server = await startQuantaPilot(
    databaseUrl,
    setup.credentials,
    setup.log,
    setup.githubHost,
  );
  const stop = setup.teardown.add("QuantaPilot (stage labels)", server.stop);
  const projects = await seedActiveProjects(databaseUrl, LABEL_PROJECTS);
  const single = labelPayloads(setup, projects, false);
  const spread = labelPayloads(setup, projects, true);
  return { port: server.port, single, spread, stop };
}

/** CPU is read outside the timed run, so reading /proc costs the case nothing. */
function metered(send: SendFn, postgres: number[]): RoundCase["send"] {
  return async (phase, requests) => {
    const before = readCpu(postgres);
    const run = await send(phase, requests);
    return { ...run, cpu: cpuSince(before, readCpu(postgres)) };
  };
}

/** Both servers up side by side, so every round can alternate between them. */
async function measureCases(setup: Setup, databaseUrl: string) {
  const bare = await startBareProbot(setup.credentials, setup.log);
  const stopBare = setup.teardown.add("bare Probot", bare.stop);
  const ingest = await startQuantaPilot(
    databaseUrl,
    setup.credentials,
    setup.log,
    setup.githubHost,
  );
  const stopIngest = setup.teardown.add("QuantaPilot", ingest.stop);
  const labels = await startLabelServer(setup, databaseUrl);
  for (const port of [bare.port, ingest.port]) {
    await sender(target(setup, port), (_, i) => `process-warmup-${i}`)("", PROCESS_WARMUP);
  }
  await sender(
    target(setup, labels.port),
    (_, i) => `process-warmup-${i}`,
    labels.spread,
  )("", PROCESS_WARMUP);
  // After the warm-up, so the servers' pools have opened all their connections.
  const pids = await postgresPids(databaseUrl);
  const cases = benchCases(setup, bare.port, ingest.port, labels).map(({ id, send }) => ({
    id,
    send: metered(send, pids),
  }));
  const runs = await runRounds(cases, LOAD);
  await labels.stop();
  await stopIngest();
  await stopBare();
  const results = caseResults(runs, "bare-probot", LABELS);
  for (const { id, label, outcomes } of results) {
    const expected = EXPECTED_ANSWER[id];
    if (Object.keys(outcomes).some((answer) => answer !== expected)) {
      throw new Error(
        `${label}: every answer should be "${expected}", got ${JSON.stringify(outcomes)}`,
      );
    }
  }
  return { cases: results, poolSize: ingest.poolSize };
}

async function bench(teardown: Teardown): Promise<BenchResults> {
  const credentials = githubAppCredentials();
  const payload = installationCreated(credentials.webhookSecret);
  const loadBefore = loadavg()[0] ?? 0;
  const postgres = await startThrowawayPostgres({ durable: true });
  teardown.add("Postgres", postgres.stop);
  const github = await startLocalGitHub();
  teardown.add("local GitHub", github.stop);
  const setup: Setup = {
    credentials,
    githubHost: github.host,
    payload,
    log: discardLogger(),
    teardown,
  };
  const { cases, poolSize } = await measureCases(setup, postgres.url);
  const countedLabels = await freshDatabase(postgres.url, "bench_labels_counted");
  const roundTrips = await countRoundTrips({
    ...setup,
    databaseUrl: postgres.url,
    target: target(setup, 0),
    warmup: LOAD.warmup,
    deliveries: COUNTED_DELIVERIES,
    ignored: checkSuiteRequested(credentials.webhookSecret),
    labels: { databaseUrl: countedLabels, seed: () => labelPayloadsOnOne(setup, countedLabels) },
  });
  const ingestGitHubCalls = Object.fromEntries(github.requests);
  const apiEconomy = await measureApiEconomy(postgres.url, teardown);
  const environment = await describeEnvironment(postgres.url, loadBefore);
  const load = { ...LOAD, processWarmup: PROCESS_WARMUP, databasePoolSize: poolSize };
  const generatedAt = new Date().toISOString();
  return { generatedAt, environment, load, cases, roundTrips, ingestGitHubCalls, apiEconomy };
}

/** What the figures depend on, kept beside them: they mean little on another machine. */
async function describeEnvironment(
  postgresUrl: string,
  loadBefore: number,
): Promise<BenchResults["environment"]> {
  return {
    cpus: cpus().length,
    cpuModel: cpus()[0]?.model ?? "unknown",
    node: process.version,
    loadAverage: { before: loadBefore, after: loadavg()[0] ?? 0 },
    postgres: await postgresInfo(postgresUrl),
  };
}

async function main(): Promise<void> {
  const teardown = new Teardown();
  const watchdog = setTimeout(() => {
    console.error(`bench: still running after ${WATCHDOG_MS / 1000} s; tearing down`);
    void teardown.run().finally(() => process.exit(1));
  }, WATCHDOG_MS);
  try {
    const results = await bench(teardown);
    await writeResults(RESULTS_PATH, results);
    await teardown.run(); // before printing, so the summary is the last thing the run says
    console.log(formatReport(results));
  } finally {
    clearTimeout(watchdog);
    await teardown.run();
  }
}

// `npm run bench -- action` runs only the action's benchmarks (bench/results/action.json),
// `npm run bench -- api` only the GitHub API economy (bench/results/api-economy.json);
// `-- ingest` the ingest and API economy (latest.json) without the action's.
if (process.argv[2] === "api") await runApiEconomyBench();
else {
  if (process.argv[2] !== "action") await main();
  if (process.argv[2] !== "ingest") await runActionBench();
}
